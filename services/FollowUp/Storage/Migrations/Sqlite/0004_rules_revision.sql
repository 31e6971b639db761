-- Which revision of the kommun's follow-up rules each decision's schedule was computed with: the
-- catalog revision that last wrote a rules version (it only grows). The rescheduler rewrites the
-- open decisions behind the rules it holds, and only those, so a replica whose catalog copy lags
-- never rewrites a schedule made with newer rules, and a decision registered on a lagging replica
-- is caught up by the next round. It replaces the per-kommun fingerprint in rules_applied.
ALTER TABLE decision ADD COLUMN rules_revision INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_decision_rules_revision ON decision (municipality_code, rules_revision, decision_id);

DROP TABLE rules_applied;
