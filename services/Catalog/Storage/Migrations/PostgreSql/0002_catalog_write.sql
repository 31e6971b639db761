-- Who wrote each revision of a kommun's catalog, when, and by which method: the history's own page.
-- written_by is the access log's keyed pseudonym of the caller, never the caller as given. Written in
-- the same transaction as the revision's rows.
CREATE TABLE catalog_write (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    written_at varchar(40) COLLATE "C" NOT NULL,
    method varchar(64) COLLATE "C" NOT NULL,
    written_by varchar(64) COLLATE "C" NOT NULL,
    CONSTRAINT pk_catalog_write PRIMARY KEY (municipality_code, revision)
);

-- An insats's history, newest first.
CREATE INDEX ix_intervention_version_history ON intervention_version (municipality_code, intervention_id, revision);
