-- The decision log: every eligibility answer by its decision id, per kommun. Facts as a profile without
-- identifiers (ages as bands, kommunkoder, fact codes); conditions as description, status and source.
-- decided_at is UTC, ISO 8601 with a fixed width, so text order is time order.
CREATE TABLE decision_log (
    municipality_code TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    intervention_id TEXT NOT NULL,
    catalog_revision INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    conditions TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (municipality_code, decision_id)
);

CREATE INDEX ix_decision_log_period ON decision_log (municipality_code, intervention_id, decided_at);
CREATE INDEX ix_decision_log_purge ON decision_log (decided_at);
