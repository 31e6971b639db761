-- What an access rests on, where the service knows it (a Catalog change: the nämnd decision).
ALTER TABLE audit_event ADD reference NVARCHAR(200) NOT NULL CONSTRAINT df_audit_event_reference DEFAULT N'';
