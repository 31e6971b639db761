-- The decision log: every eligibility answer by its decision id, per kommun. Facts as a profile without
-- identifiers (ages as bands, kommunkoder, fact codes). The conditions' descriptions and sources are the same
-- for every answer about one version of an insats: they are kept once per kommun as a condition set, and each
-- answer keeps its set and its results ("1+2-": status number and whether it affected the outcome, per
-- condition). The answers of a kommun lie together (SQLite: WITHOUT ROWID, the key is the table). decided_at is UTC, ISO 8601 with a fixed width. No index beside the key (each would cost every answer a
-- write): decision ids begin with the answer's moment, so a kommun's period (what-if) and its expired answers
-- (the purge) are ranges of the key.
CREATE TABLE decision_condition_set (
    municipality_code TEXT NOT NULL,
    set_id TEXT NOT NULL,
    conditions TEXT NOT NULL,
    PRIMARY KEY (municipality_code, set_id)
);

CREATE TABLE decision_log (
    municipality_code TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    intervention_id TEXT NOT NULL,
    catalog_revision INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    condition_set TEXT NOT NULL,
    condition_results TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (municipality_code, decision_id)
) WITHOUT ROWID;
