-- An account whose password someone else chose (the first-admin bootstrap, an administrator) must
-- change it before it may do anything but read itself and change it (io.gridloop.account).
ALTER TABLE account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- The audit an administrator reads (io.gridloop.audit): sign-ins, role changes, imports, API keys and
-- unmasked personal-data reads. Written once, never changed; only the retention job deletes, and only
-- what is older than six months (the floor its setting may not go below).
CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- null for a failed sign-in that named no account: it belongs to no district
    district_id bigint,
    kind        text        NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    bigint,
    -- the username given at sign-in, known or not
    username    text,
    subject     text,
    subject_id  bigint,
    address     text,
    request_id  text,
    details     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_district_idx ON audit_event (district_id, id DESC);
CREATE INDEX audit_event_kind_idx ON audit_event (district_id, kind, id DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (district_id, actor_id, id DESC);
CREATE INDEX audit_event_at_idx ON audit_event (at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('gridloop.audit_retention', true) = 'on'
            AND OLD.at < now() - interval '183 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- The reads of unmasked phones recorded so far (V7) move into the audit: one table, one feed, one owner.
INSERT INTO audit_event (district_id, kind, at, actor_id, subject, subject_id, request_id, details)
SELECT district_id, 'PERSONAL_DATA_READ', read_at, reader_id, subject, subject_id, request_id,
       jsonb_build_object('field', field)
FROM personal_data_read ORDER BY id;
DROP TABLE personal_data_read;
DROP FUNCTION personal_data_read_append_only();
