-- Which version of each kommun's follow-up rules the stored schedules were computed with (replaced by 0004).
CREATE TABLE rules_applied (
    municipality_code varchar(4) COLLATE "C" NOT NULL PRIMARY KEY,
    fingerprint varchar(64) COLLATE "C" NOT NULL
);
