-- The decision log: every eligibility answer by its decision id, per kommun. Facts as a profile without
-- identifiers (ages as bands, kommunkoder, fact codes); conditions as description, status and source.
-- decided_at is UTC, ISO 8601 with a fixed width, so text order is time order.
CREATE TABLE decision_log (
    municipality_code CHAR(4) NOT NULL,
    decision_id VARCHAR(40) NOT NULL,
    decided_at VARCHAR(40) NOT NULL,
    as_of CHAR(10) NOT NULL,
    intervention_id VARCHAR(63) NOT NULL,
    catalog_revision BIGINT NOT NULL,
    outcome INT NOT NULL,
    conditions NVARCHAR(MAX) NOT NULL,
    facts NVARCHAR(MAX) NOT NULL,
    CONSTRAINT pk_decision_log PRIMARY KEY (municipality_code, decision_id)
);

CREATE INDEX ix_decision_log_period ON decision_log (municipality_code, intervention_id, decided_at);
CREATE INDEX ix_decision_log_purge ON decision_log (decided_at);
