-- A lease per background job (JobLeases): the work runs on one replica of the fleet at a time.
-- expires_at is UTC, fixed-width ISO 8601 text, so text order is time order. Shared by the services'
-- migrations that use it (FollowUp's rescheduler, the access log's purge): created once.
CREATE TABLE IF NOT EXISTS job_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
