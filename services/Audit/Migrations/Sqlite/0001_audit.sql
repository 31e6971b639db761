-- The access log of individual-level data: who, kommun, unit, method, resource, when, outcome.
-- Never the content. occurred_at is UTC, ISO 8601 with a fixed width, so text order is time order.
CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    unit TEXT NOT NULL,
    service TEXT NOT NULL,
    method TEXT NOT NULL,
    resource TEXT NOT NULL,
    outcome TEXT NOT NULL
);

CREATE INDEX ix_audit_event_time ON audit_event (municipality_code, occurred_at, id);
CREATE INDEX ix_audit_event_purge ON audit_event (occurred_at);
