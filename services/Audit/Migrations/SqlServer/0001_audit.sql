-- The access log of individual-level data: who, kommun, unit, method, resource, when, outcome.
-- Never the content. occurred_at is UTC, ISO 8601 with a fixed width, so text order is time order.
CREATE TABLE audit_event (
    id BIGINT IDENTITY(1,1) NOT NULL,
    municipality_code CHAR(4) NOT NULL,
    occurred_at VARCHAR(40) NOT NULL,
    subject NVARCHAR(200) NOT NULL,
    unit NVARCHAR(200) NOT NULL,
    service VARCHAR(40) NOT NULL,
    method VARCHAR(200) NOT NULL,
    resource NVARCHAR(300) NOT NULL,
    outcome VARCHAR(40) NOT NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (id)
);

CREATE INDEX ix_audit_event_time ON audit_event (municipality_code, occurred_at, id);
CREATE INDEX ix_audit_event_purge ON audit_event (occurred_at);
