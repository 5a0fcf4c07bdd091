-- Every read of an unmasked phone number by someone other than its owner (SPEC §1.2), kept like the
-- timeline: written once, never changed.
CREATE TABLE personal_data_read (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id bigint      NOT NULL,
    reader_id   bigint      NOT NULL REFERENCES account (id),
    subject     text        NOT NULL,
    subject_id  bigint      NOT NULL,
    field       text        NOT NULL,
    request_id  text,
    read_at     timestamptz NOT NULL
);
CREATE INDEX personal_data_read_subject_idx ON personal_data_read (subject, subject_id, id);
CREATE INDEX personal_data_read_reader_idx ON personal_data_read (district_id, reader_id, id);

CREATE FUNCTION personal_data_read_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'personal_data_read is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER personal_data_read_append_only BEFORE UPDATE OR DELETE ON personal_data_read
    FOR EACH ROW EXECUTE FUNCTION personal_data_read_append_only();
