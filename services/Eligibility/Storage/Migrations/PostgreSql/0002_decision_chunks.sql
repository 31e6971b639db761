-- The decision log in chunks: one row per kommun per writer's batch, each a protobuf of that kommun's answers
-- decided within ten seconds (see the SQL Server script of the same name). The key is the chunk's smallest decision
-- id (ids begin with their moment, compared in byte order): a lookup, a period and the purge are key ranges.
DROP TABLE decision_log;
DROP TABLE decision_condition_set;

CREATE TABLE decision_chunk (
    municipality_code varchar(4) COLLATE "C" NOT NULL,
    first_id varchar(40) COLLATE "C" NOT NULL,
    last_id varchar(40) COLLATE "C" NOT NULL,
    answers integer NOT NULL,
    chunk bytea NOT NULL,
    CONSTRAINT pk_decision_chunk PRIMARY KEY (municipality_code, first_id)
);
