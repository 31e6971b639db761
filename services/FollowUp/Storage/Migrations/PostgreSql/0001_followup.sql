-- FollowUp owns its decisions. The body holds the decision and its history; the other columns are derived
-- from it at every write, for the queries below. Compared text is COLLATE "C" (byte order, as SQLite).
CREATE TABLE decision (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    decision_id varchar(32) COLLATE "C" NOT NULL,
    case_reference varchar(64) NOT NULL,
    intervention varchar(120) COLLATE "C" NOT NULL,
    decision_date varchar(10) COLLATE "C" NOT NULL,
    body text NOT NULL,
    next_due varchar(10) COLLATE "C" NULL,
    next_due_reason integer NOT NULL,
    execution_deadline varchar(10) COLLATE "C" NULL,
    executed_on varchar(10) COLLATE "C" NULL,
    interruption_deadline varchar(10) COLLATE "C" NULL,
    closed_on varchar(10) COLLATE "C" NULL,
    version bigint NOT NULL,
    registered_at varchar(40) COLLATE "C" NOT NULL,
    CONSTRAINT pk_decision PRIMARY KEY (municipality_code, decision_id)
);

-- Covering index for "due in a window".
CREATE INDEX ix_decision_due
    ON decision (municipality_code, next_due, decision_id) INCLUDE (case_reference, intervention, next_due_reason);

CREATE INDEX ix_decision_execution
    ON decision (municipality_code, execution_deadline);

-- Every change after registration (registration itself is the decision row, version 1).
CREATE TABLE decision_event (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    decision_id varchar(32) COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    kind varchar(40) COLLATE "C" NOT NULL,
    recorded_at varchar(40) COLLATE "C" NOT NULL,
    CONSTRAINT pk_decision_event PRIMARY KEY (municipality_code, decision_id, version)
);

CREATE TABLE request_log (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    request_id varchar(64) COLLATE "C" NOT NULL,
    method varchar(64) COLLATE "C" NOT NULL,
    request_hash varchar(64) COLLATE "C" NOT NULL,
    response bytea NOT NULL,
    created_at varchar(40) COLLATE "C" NOT NULL,
    CONSTRAINT pk_request_log PRIMARY KEY (municipality_code, request_id)
);
