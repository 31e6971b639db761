-- Which revision of the kommun's follow-up rules each decision's schedule was computed with (see the SQL Server
-- script of the same name). It replaces the per-kommun fingerprint in rules_applied.
ALTER TABLE decision ADD COLUMN rules_revision bigint NOT NULL DEFAULT 0;

CREATE INDEX ix_decision_rules_revision ON decision (municipality_code, rules_revision, decision_id);

DROP TABLE rules_applied;
