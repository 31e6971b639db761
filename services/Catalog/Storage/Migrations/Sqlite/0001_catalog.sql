-- The Catalog's own database. Every write appends rows; a row is never changed except to mark
-- the revision that superseded it, so history is never lost.
CREATE TABLE municipality (
    code TEXT NOT NULL PRIMARY KEY,
    revision INTEGER NOT NULL
);

CREATE TABLE intervention_version (
    municipality_code TEXT NOT NULL,
    intervention_id TEXT NOT NULL,
    version_id TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NULL,
    access INTEGER NOT NULL,
    body TEXT NOT NULL,
    revision INTEGER NOT NULL,
    superseded_revision INTEGER NULL,
    PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_intervention_version_current
    ON intervention_version (municipality_code, superseded_revision, intervention_id);

CREATE INDEX ix_intervention_version_revision
    ON intervention_version (municipality_code, revision);

CREATE TABLE rules_version (
    municipality_code TEXT NOT NULL,
    version_id TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NULL,
    body TEXT NOT NULL,
    revision INTEGER NOT NULL,
    superseded_revision INTEGER NULL,
    PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_rules_version_revision
    ON rules_version (municipality_code, revision);

CREATE TABLE request_log (
    municipality_code TEXT NOT NULL,
    request_id TEXT NOT NULL,
    method TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (municipality_code, request_id)
);
