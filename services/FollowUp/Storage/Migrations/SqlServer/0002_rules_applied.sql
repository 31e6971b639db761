-- Which version of each kommun's follow-up rules the stored schedules were computed with.
CREATE TABLE rules_applied (
    municipality_code CHAR(4) NOT NULL PRIMARY KEY,
    fingerprint CHAR(64) NOT NULL
);
