-- A lease per background job (JobLeases): the work runs on one replica of the fleet at a time.
-- expires_at is UTC, fixed-width ISO 8601 text in byte order, so text order is time order. Shared by the
-- services' migrations that use it (FollowUp's rescheduler, the access log's purge): created once.
CREATE TABLE IF NOT EXISTS job_lease (
    name varchar(100) COLLATE "C" NOT NULL CONSTRAINT pk_job_lease PRIMARY KEY,
    holder varchar(200) COLLATE "C" NOT NULL,
    expires_at varchar(40) COLLATE "C" NOT NULL
);
