-- Hotline intake and outbound webhooks (issue 12). Two owners: `ticket` (the intake's columns on
-- ticket) and `webhook` (subscriptions, the outbox of deliveries, and the trigger that fills it).

-- A ticket another system filed keeps that system's own name for it: the `source` string it sent
-- (e.g. "12345"), its id there, and a digest of the request, so the same call again is recognised
-- and another call under the same id is refused. The pair is unique per district: concurrent
-- identical calls are settled by this index, not by a check before the insert.
ALTER TABLE ticket
    ADD COLUMN external_source text CHECK (length(external_source) BETWEEN 1 AND 40),
    ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 100),
    ADD COLUMN external_digest text,
    -- the API key that filed the ticket: its webhook subscriptions hear of the ticket
    ADD COLUMN filed_by_api_key bigint REFERENCES api_key (id),
    ADD CHECK ((external_source IS NULL) = (external_id IS NULL));
CREATE UNIQUE INDEX ticket_external_idx ON ticket (district_id, external_source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ticket_filed_by_key_idx ON ticket (filed_by_api_key) WHERE filed_by_api_key IS NOT NULL;

-- A subscriber: the district admin's (api_key_id NULL: every ticket of the district) or an
-- integration key's (only the tickets that key filed).
CREATE SEQUENCE webhook_subscription_seq;
CREATE TABLE webhook_subscription (
    id          bigint PRIMARY KEY DEFAULT nextval('webhook_subscription_seq'),
    district_id bigint NOT NULL REFERENCES region (id),
    api_key_id  bigint REFERENCES api_key (id),
    url         text   NOT NULL CHECK (length(url) <= 2000),
    events      text[] NOT NULL CHECK (cardinality(events) >= 1),
    secret      text   NOT NULL,
    created_by  bigint REFERENCES account (id),
    created_at  timestamptz NOT NULL
);
CREATE INDEX webhook_subscription_district_idx ON webhook_subscription (district_id, id);

-- The outbox: one row per (subscriber, timeline event, event type), written by the trigger below in
-- the transaction of the change. Its id orders a ticket's deliveries: writers of one ticket are
-- serialised by the ticket's row (version or lock), so a later change gets a later id.
CREATE SEQUENCE webhook_delivery_seq;
CREATE TABLE webhook_delivery (
    id              bigint PRIMARY KEY DEFAULT nextval('webhook_delivery_seq'),
    subscription_id bigint NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    ticket_id       bigint NOT NULL,
    event_id        bigint NOT NULL,
    event_type      text   NOT NULL,
    status          text   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    -- retries stop (dead letter) past this time plus the retry horizon; a redelivery restarts it
    retry_from      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    -- an instance holds a delivery while it sends it; an expired lease is taken over
    lease_until     timestamptz,
    lease_token     uuid,
    last_attempt_at timestamptz,
    last_status     integer,
    last_latency_ms integer,
    last_error      text CHECK (length(last_error) <= 1024),
    delivered_at    timestamptz
);
-- the head of each (subscriber, ticket) stream is its lowest pending id
CREATE INDEX webhook_delivery_stream_idx ON webhook_delivery (subscription_id, ticket_id, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (subscription_id, id DESC);

-- The event types a timeline row makes (see io.gridloop.webhook.EventType).
CREATE FUNCTION webhook_event_types(action text, from_status text, to_status text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_remove(ARRAY[
        CASE WHEN action = 'file' THEN 'ticket.created' END,
        CASE WHEN from_status IS NOT NULL AND from_status <> to_status THEN 'ticket.status_changed' END,
        CASE WHEN action IN ('feedback', 'auto-close') THEN 'ticket.feedback' END,
        CASE WHEN action = 'escalate' THEN 'ticket.overdue' END,
        CASE WHEN action = 'supervise' THEN 'ticket.supervised' END], NULL)
$$;

-- Every writer of the timeline (the services through Hibernate, the deadline jobs' set-based SQL,
-- whatever comes next) fills the outbox in its own statement and transaction: once per statement,
-- over the rows it inserted, so a batch of 500 overdue tickets is one INSERT … SELECT here.
CREATE FUNCTION webhook_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_delivery (subscription_id, ticket_id, event_id, event_type, created_at, retry_from, next_attempt_at)
    SELECT s.id, e.ticket_id, e.id, t.type, e.created_at, e.created_at, e.created_at
    FROM new_events e
    CROSS JOIN LATERAL unnest(webhook_event_types(e.action, e.from_status, e.to_status)) WITH ORDINALITY AS t (type, n)
    JOIN webhook_subscription s ON s.district_id = e.district_id AND t.type = ANY (s.events)
    WHERE s.api_key_id IS NULL
       OR s.api_key_id = (SELECT k.filed_by_api_key FROM ticket k WHERE k.id = e.ticket_id)
    ORDER BY e.id, t.n, s.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_enqueue AFTER INSERT ON ticket_event
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION webhook_enqueue();
