-- What an access rests on, where the service knows it (a Catalog change: the nämnd decision).
ALTER TABLE audit_event ADD COLUMN reference varchar(200) NOT NULL DEFAULT '';
