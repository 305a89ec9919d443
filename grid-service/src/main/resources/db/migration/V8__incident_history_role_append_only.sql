-- The audit trail records the role each entry was made in (as cases-service's case_history does) and,
-- being an audit trail, refuses to be changed: the database itself rejects UPDATE, DELETE and TRUNCATE.
ALTER TABLE incident_history ADD COLUMN actor_role varchar(32);
-- Entries from before this column: system actions are known, the role of people was not recorded.
UPDATE incident_history SET actor_role = CASE WHEN actor = 'system' THEN 'system' ELSE 'unknown' END;
ALTER TABLE incident_history ALTER COLUMN actor_role SET NOT NULL;

CREATE FUNCTION incident_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_history is append-only';
END $$;
CREATE TRIGGER incident_history_no_update BEFORE UPDATE OR DELETE ON incident_history
    FOR EACH ROW EXECUTE FUNCTION incident_history_append_only();
CREATE TRIGGER incident_history_no_truncate BEFORE TRUNCATE ON incident_history
    FOR EACH STATEMENT EXECUTE FUNCTION incident_history_append_only();
