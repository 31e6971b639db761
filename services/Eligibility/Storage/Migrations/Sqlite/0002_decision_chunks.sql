-- The decision log in chunks: one row per kommun per writer's batch (a few a second at most), each a protobuf
-- (services/Eligibility/Storage/Format/decision_chunk.proto) of that kommun's answers decided within ten seconds,
-- the insatser's ids and the conditions' descriptions and sources kept once per chunk. 0001's row per answer cost a
-- check about ten points of throughput on two cores (SQLite's inserts beside the servers); a chunk costs one insert.
-- The key is the chunk's smallest decision id (ids begin with their moment): an answer is found among the few
-- chunks that began in the ten seconds before it, a period and the purge are key ranges.
-- The answers 0001 kept are not carried over: that format landed on 2026-11-26 and was deployed nowhere.
DROP TABLE decision_log;
DROP TABLE decision_condition_set;

-- A rowid table (not WITHOUT ROWID): a chunk is larger than a twentieth of a page.
CREATE TABLE decision_chunk (
    municipality_code TEXT NOT NULL,
    first_id TEXT NOT NULL,
    last_id TEXT NOT NULL,
    answers INTEGER NOT NULL,
    chunk BLOB NOT NULL,
    PRIMARY KEY (municipality_code, first_id)
);
