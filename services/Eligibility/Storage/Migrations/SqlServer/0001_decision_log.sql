-- The decision log: every eligibility answer by its decision id, per kommun. Facts as a profile without
-- identifiers (ages as bands, kommunkoder, fact codes). The conditions' descriptions and sources are the same
-- for every answer about one version of an insats: they are kept once per kommun as a condition set, and each
-- answer keeps its set and its results ("1+2-": status number and whether it affected the outcome, per
-- condition). decided_at is UTC, ISO 8601 with a fixed width. No index beside the key (each would cost every answer a
-- write): decision ids begin with the answer's moment, so a kommun's period (what-if) and its expired answers
-- (the purge) are ranges of the key.
CREATE TABLE decision_condition_set (
    municipality_code CHAR(4) NOT NULL,
    set_id CHAR(32) NOT NULL,
    conditions NVARCHAR(MAX) NOT NULL,
    CONSTRAINT pk_decision_condition_set PRIMARY KEY (municipality_code, set_id)
);

CREATE TABLE decision_log (
    municipality_code CHAR(4) NOT NULL,
    decision_id VARCHAR(40) NOT NULL,
    decided_at VARCHAR(40) NOT NULL,
    as_of CHAR(10) NOT NULL,
    intervention_id VARCHAR(63) NOT NULL,
    catalog_revision BIGINT NOT NULL,
    outcome INT NOT NULL,
    condition_set CHAR(32) NOT NULL,
    condition_results VARCHAR(400) NOT NULL,
    facts NVARCHAR(MAX) NOT NULL,
    CONSTRAINT pk_decision_log PRIMARY KEY (municipality_code, decision_id)
);
