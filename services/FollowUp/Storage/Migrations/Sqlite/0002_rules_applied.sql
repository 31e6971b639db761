-- Which version of each kommun's follow-up rules the stored schedules were computed with.
CREATE TABLE rules_applied (
    municipality_code TEXT NOT NULL PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
