-- The Catalog's own database. Every write appends rows; a row is never changed except to mark
-- the revision that superseded it, so history is never lost.
CREATE TABLE municipality (
    code CHAR(4) NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);

CREATE TABLE intervention_version (
    municipality_code CHAR(4) NOT NULL,
    intervention_id VARCHAR(63) NOT NULL,
    version_id VARCHAR(40) NOT NULL,
    valid_from CHAR(10) NOT NULL,
    valid_to CHAR(10) NULL,
    access INT NOT NULL,
    body NVARCHAR(MAX) NOT NULL,
    revision BIGINT NOT NULL,
    superseded_revision BIGINT NULL,
    CONSTRAINT pk_intervention_version PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_intervention_version_current
    ON intervention_version (municipality_code, superseded_revision, intervention_id);

CREATE INDEX ix_intervention_version_revision
    ON intervention_version (municipality_code, revision);

CREATE TABLE rules_version (
    municipality_code CHAR(4) NOT NULL,
    version_id VARCHAR(40) NOT NULL,
    valid_from CHAR(10) NOT NULL,
    valid_to CHAR(10) NULL,
    body NVARCHAR(MAX) NOT NULL,
    revision BIGINT NOT NULL,
    superseded_revision BIGINT NULL,
    CONSTRAINT pk_rules_version PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_rules_version_revision
    ON rules_version (municipality_code, revision);

CREATE TABLE request_log (
    municipality_code CHAR(4) NOT NULL,
    request_id VARCHAR(64) NOT NULL,
    method VARCHAR(64) NOT NULL,
    request_hash CHAR(64) NOT NULL,
    response VARBINARY(MAX) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    CONSTRAINT pk_request_log PRIMARY KEY (municipality_code, request_id)
);
