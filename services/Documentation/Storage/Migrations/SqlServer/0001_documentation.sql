-- Activity-level data: anonymous participations, never an identifier.
CREATE TABLE participation (
    municipality_code CHAR(4) NOT NULL,
    request_id VARCHAR(64) NOT NULL,
    intervention_id VARCHAR(63) NOT NULL,
    day CHAR(10) NOT NULL,
    age_band INT NOT NULL,
    gender INT NOT NULL,
    wellbeing_start INT NOT NULL,
    wellbeing_end INT NOT NULL,
    early_end_reason INT NOT NULL,
    CONSTRAINT pk_participation PRIMARY KEY (municipality_code, request_id)
);

CREATE INDEX ix_participation_report ON participation (municipality_code, intervention_id, day);
