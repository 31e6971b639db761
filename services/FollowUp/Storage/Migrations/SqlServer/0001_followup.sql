-- FollowUp owns its decisions. The body holds the decision and its history; the other columns
-- are derived from it at every write, for the queries below.
CREATE TABLE decision (
    municipality_code CHAR(4) NOT NULL,
    decision_id CHAR(32) NOT NULL,
    case_reference NVARCHAR(64) NOT NULL,
    intervention NVARCHAR(120) NOT NULL,
    decision_date CHAR(10) NOT NULL,
    body NVARCHAR(MAX) NOT NULL,
    next_due CHAR(10) NULL,
    next_due_reason INT NOT NULL,
    execution_deadline CHAR(10) NULL,
    executed_on CHAR(10) NULL,
    interruption_deadline CHAR(10) NULL,
    closed_on CHAR(10) NULL,
    version BIGINT NOT NULL,
    registered_at VARCHAR(40) NOT NULL,
    CONSTRAINT pk_decision PRIMARY KEY (municipality_code, decision_id)
);

-- Covering index for "due in a window".
CREATE INDEX ix_decision_due
    ON decision (municipality_code, next_due, decision_id) INCLUDE (case_reference, intervention, next_due_reason);

CREATE INDEX ix_decision_execution
    ON decision (municipality_code, execution_deadline);

-- Every change after registration (registration itself is the decision row, version 1).
CREATE TABLE decision_event (
    municipality_code CHAR(4) NOT NULL,
    decision_id CHAR(32) NOT NULL,
    version BIGINT NOT NULL,
    kind VARCHAR(40) NOT NULL,
    recorded_at VARCHAR(40) NOT NULL,
    CONSTRAINT pk_decision_event PRIMARY KEY (municipality_code, decision_id, version)
);

CREATE TABLE request_log (
    municipality_code CHAR(4) NOT NULL,
    request_id VARCHAR(64) NOT NULL,
    method VARCHAR(64) NOT NULL,
    request_hash CHAR(64) NOT NULL,
    response VARBINARY(MAX) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    CONSTRAINT pk_request_log PRIMARY KEY (municipality_code, request_id)
);
