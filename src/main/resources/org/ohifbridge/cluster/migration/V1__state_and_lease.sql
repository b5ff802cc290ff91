-- ohif-bridge's shared state when replicas run on one database (README, "Scaling out").
-- Applied by Flyway at start (history in ohifbridge_schema_history); never edit a released migration, add one.

-- the position of a background job (preload, backfill): one small JSON object per job
CREATE TABLE ohifbridge_state (
    name    text PRIMARY KEY,
    content text NOT NULL,
    updated timestamptz NOT NULL DEFAULT now()
);

-- who runs the background work: one row per kind of work, held by one replica until it expires
CREATE TABLE ohifbridge_lease (
    name    text PRIMARY KEY,
    holder  text NOT NULL,
    expires timestamptz NOT NULL
);
