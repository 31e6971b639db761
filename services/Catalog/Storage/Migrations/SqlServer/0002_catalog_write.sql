-- Who wrote each revision of a kommun's catalog, when, and by which method: the history's own page.
-- written_by is the access log's keyed pseudonym of the caller, never the caller as given. Written in
-- the same transaction as the revision's rows. Revisions written before this table have none.
CREATE TABLE catalog_write (
    municipality_code CHAR(4) NOT NULL,
    revision BIGINT NOT NULL,
    written_at VARCHAR(40) NOT NULL,
    method VARCHAR(64) NOT NULL,
    written_by VARCHAR(64) NOT NULL,
    CONSTRAINT pk_catalog_write PRIMARY KEY (municipality_code, revision)
);

-- An insats's history, newest first.
CREATE INDEX ix_intervention_version_history ON intervention_version (municipality_code, intervention_id, revision);
