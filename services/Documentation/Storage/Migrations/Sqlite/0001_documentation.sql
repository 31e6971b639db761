-- Activity-level data: anonymous participations, never an identifier.
CREATE TABLE participation (
    municipality_code TEXT NOT NULL,
    request_id TEXT NOT NULL,
    intervention_id TEXT NOT NULL,
    day TEXT NOT NULL,
    age_band INTEGER NOT NULL,
    gender INTEGER NOT NULL,
    wellbeing_start INTEGER NOT NULL,
    wellbeing_end INTEGER NOT NULL,
    early_end_reason INTEGER NOT NULL,
    PRIMARY KEY (municipality_code, request_id)
);

CREATE INDEX ix_participation_report ON participation (municipality_code, intervention_id, day);
