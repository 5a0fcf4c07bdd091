-- The notification inbox the mini-program polls (io.gridloop.inbox). Other features write to it in
-- the same transaction as the change that causes a notification; only the owner reads or marks one.

CREATE SEQUENCE notification_seq INCREMENT BY 50;
CREATE TABLE notification (
    id            bigint PRIMARY KEY,
    district_id   bigint NOT NULL,
    account_id    bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind          text   NOT NULL CHECK (kind IN ('DISPATCHED', 'REMINDER', 'OVERDUE', 'RESOLVED', 'FEEDBACK_REQUESTED',
                                                  'REOPENED', 'SUPERVISED', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED')),
    -- the ticket it is about, with its number copied so the inbox never reads the ticket table
    ticket_id     bigint,
    ticket_number text CHECK (length(ticket_number) <= 40),
    text          text   NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at    timestamptz NOT NULL DEFAULT now(),
    read_at       timestamptz
);
-- the inbox, newest first: keyset on id within one account
CREATE INDEX notification_inbox_idx ON notification (district_id, account_id, id DESC);
-- the unread badge and the unread filter stay small however long the inbox grows
CREATE INDEX notification_unread_idx ON notification (district_id, account_id, id DESC) WHERE read_at IS NULL;
