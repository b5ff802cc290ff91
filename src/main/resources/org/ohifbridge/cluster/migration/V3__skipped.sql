-- Instances the preload or backfill gave up on (listed in preload/status, tried again by the next backfill),
-- shared so that the replica that takes the work over knows them too.
CREATE TABLE ohifbridge_skipped (
    instance text PRIMARY KEY,
    reason   text NOT NULL,
    since    timestamptz NOT NULL DEFAULT now()
);
