-- The decision log's first form (a row per answer), kept so the scripts' history is the same on every engine;
-- 0002 replaces it with chunks. Compared text is COLLATE "C" (byte order: decision ids begin with their moment).
CREATE TABLE decision_condition_set (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    set_id varchar(32) COLLATE "C" NOT NULL,
    conditions text NOT NULL,
    CONSTRAINT pk_decision_condition_set PRIMARY KEY (municipality_code, set_id)
);

CREATE TABLE decision_log (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    decision_id varchar(40) COLLATE "C" NOT NULL,
    decided_at varchar(40) COLLATE "C" NOT NULL,
    as_of varchar(10) COLLATE "C" NOT NULL,
    intervention_id varchar(63) COLLATE "C" NOT NULL,
    catalog_revision bigint NOT NULL,
    outcome integer NOT NULL,
    condition_set varchar(32) COLLATE "C" NOT NULL,
    condition_results varchar(400) NOT NULL,
    facts text NOT NULL,
    CONSTRAINT pk_decision_log PRIMARY KEY (municipality_code, decision_id)
);
