-- Activity-level data: anonymous participations, never an identifier. Compared text is COLLATE "C" (byte order).
CREATE TABLE participation (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    request_id varchar(64) COLLATE "C" NOT NULL,
    intervention_id varchar(63) COLLATE "C" NOT NULL,
    day varchar(10) COLLATE "C" NOT NULL,
    age_band integer NOT NULL,
    gender integer NOT NULL,
    wellbeing_start integer NOT NULL,
    wellbeing_end integer NOT NULL,
    early_end_reason integer NOT NULL,
    CONSTRAINT pk_participation PRIMARY KEY (municipality_code, request_id)
);

CREATE INDEX ix_participation_report ON participation (municipality_code, intervention_id, day);
