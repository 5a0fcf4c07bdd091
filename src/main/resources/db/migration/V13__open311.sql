-- Open311 GeoReport v2 (io.gridloop.open311). A request filed through Open311 is an ordinary ticket
-- (source OPEN311); this table keeps what Open311 adds to it: the key that filed it, the token the POST
-- answered, the client's device and media URL, the attribute answers, the submitter's e-mail (personal
-- data: never shown by any API), and the fingerprint of the submitted fields, so that a retried POST from
-- the same key within the retry window answers the request it filed the first time.
CREATE TABLE open311_request (
    ticket_id    bigint      PRIMARY KEY REFERENCES ticket (id),
    district_id  bigint      NOT NULL,
    api_key_id   bigint      NOT NULL REFERENCES api_key (id),
    token        uuid        NOT NULL UNIQUE,
    fingerprint  text        NOT NULL,
    device_id    text,
    email        text,
    media_url    text,
    attributes   jsonb       NOT NULL DEFAULT '{}',
    filed_at     timestamptz NOT NULL
);
CREATE INDEX open311_request_retry_idx ON open311_request (api_key_id, fingerprint, filed_at);
