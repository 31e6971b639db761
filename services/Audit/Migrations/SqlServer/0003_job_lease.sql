-- A lease per background job (JobLeases): the work runs on one replica of the fleet at a time.
-- expires_at is UTC, fixed-width ISO 8601 text, so text order is time order. Shared by the services'
-- migrations that use it (FollowUp's rescheduler, the access log's purge): created once.
IF OBJECT_ID(N'job_lease', N'U') IS NULL
CREATE TABLE job_lease (
    name NVARCHAR(100) NOT NULL CONSTRAINT pk_job_lease PRIMARY KEY,
    holder NVARCHAR(200) NOT NULL,
    expires_at NVARCHAR(40) NOT NULL
);
