-- Which revision of the kommun's follow-up rules each decision's schedule was computed with: the
-- catalog revision that last wrote a rules version (it only grows). The rescheduler rewrites the
-- open decisions behind the rules it holds, and only those, so a replica whose catalog copy lags
-- never rewrites a schedule made with newer rules, and a decision registered on a lagging replica
-- is caught up by the next round. It replaces the per-kommun fingerprint in rules_applied.
ALTER TABLE decision ADD rules_revision BIGINT NOT NULL CONSTRAINT df_decision_rules_revision DEFAULT 0;
GO

CREATE INDEX ix_decision_rules_revision ON decision (municipality_code, rules_revision, decision_id);
GO

DROP TABLE rules_applied;
GO
