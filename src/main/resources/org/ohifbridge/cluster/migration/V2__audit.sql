-- One audit trail for every replica (README, "Audit trail"): each event the JSON log gets, also as a row here.
CREATE TABLE ohifbridge_audit (
    id            bigserial PRIMARY KEY,
    time          timestamptz NOT NULL,
    action        text NOT NULL,
    username      text,
    study_uid     text,
    orthanc_study text,
    client        text,
    replica       text NOT NULL,
    event         text NOT NULL
);
-- "who opened this study", "what did this user open", "what happened then"
CREATE INDEX ohifbridge_audit_study ON ohifbridge_audit (study_uid, time);
CREATE INDEX ohifbridge_audit_user ON ohifbridge_audit (username, time);
CREATE INDEX ohifbridge_audit_time ON ohifbridge_audit (time);
