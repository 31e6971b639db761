-- FollowUp owns its decisions. The body holds the decision and its history; the other columns
-- are derived from it at every write, for the queries below.
CREATE TABLE decision (
    municipality_code TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    case_reference TEXT NOT NULL,
    intervention TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    body TEXT NOT NULL,
    next_due TEXT NULL,
    next_due_reason INTEGER NOT NULL,
    execution_deadline TEXT NULL,
    executed_on TEXT NULL,
    interruption_deadline TEXT NULL,
    closed_on TEXT NULL,
    version INTEGER NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (municipality_code, decision_id)
);

-- Covering index for "due in a window": every column the query reads is in the index.
CREATE INDEX ix_decision_due
    ON decision (municipality_code, next_due, decision_id, case_reference, intervention, next_due_reason);

CREATE INDEX ix_decision_execution
    ON decision (municipality_code, execution_deadline);

-- Every change after registration (registration itself is the decision row, version 1).
CREATE TABLE decision_event (
    municipality_code TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (municipality_code, decision_id, version)
);

CREATE TABLE request_log (
    municipality_code TEXT NOT NULL,
    request_id TEXT NOT NULL,
    method TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (municipality_code, request_id)
);
