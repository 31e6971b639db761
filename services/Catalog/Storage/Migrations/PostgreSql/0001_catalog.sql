-- The Catalog's own database on PostgreSQL (the same tables as SQLite's and SQL Server's). Text that is compared
-- or ordered (codes, ids, ISO dates and times) is COLLATE "C": byte order, as SQLite compares, whatever the
-- database's default collation (a locale's collation ignores '-' and ':' at its first level).
CREATE TABLE municipality (
    code varchar(4) COLLATE "C" NOT NULL PRIMARY KEY,
    revision bigint NOT NULL
);

CREATE TABLE intervention_version (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    intervention_id varchar(63) COLLATE "C" NOT NULL,
    version_id varchar(40) COLLATE "C" NOT NULL,
    valid_from varchar(10) COLLATE "C" NOT NULL,
    valid_to varchar(10) COLLATE "C" NULL,
    access integer NOT NULL,
    body text NOT NULL,
    revision bigint NOT NULL,
    superseded_revision bigint NULL,
    CONSTRAINT pk_intervention_version PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_intervention_version_current
    ON intervention_version (municipality_code, superseded_revision, intervention_id);

CREATE INDEX ix_intervention_version_revision
    ON intervention_version (municipality_code, revision);

CREATE TABLE rules_version (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    version_id varchar(40) COLLATE "C" NOT NULL,
    valid_from varchar(10) COLLATE "C" NOT NULL,
    valid_to varchar(10) COLLATE "C" NULL,
    body text NOT NULL,
    revision bigint NOT NULL,
    superseded_revision bigint NULL,
    CONSTRAINT pk_rules_version PRIMARY KEY (municipality_code, version_id, revision)
);

CREATE INDEX ix_rules_version_revision
    ON rules_version (municipality_code, revision);

CREATE TABLE request_log (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    request_id varchar(64) COLLATE "C" NOT NULL,
    method varchar(64) COLLATE "C" NOT NULL,
    request_hash varchar(64) COLLATE "C" NOT NULL,
    response bytea NOT NULL,
    created_at varchar(40) COLLATE "C" NOT NULL,
    CONSTRAINT pk_request_log PRIMARY KEY (municipality_code, request_id)
);
