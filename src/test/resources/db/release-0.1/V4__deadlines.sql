-- Time limits, supervision and extensions (SPEC §1.6–1.7).

ALTER TABLE ticket
    ADD COLUMN dispatched_at        timestamptz,
    -- overdue by more than the limit again: the scan raises supervision to RED from here
    ADD COLUMN response_red_at      timestamptz,
    ADD COLUMN resolution_red_at    timestamptz,
    -- the level the overdue scan has applied for the current deadlines; supervision itself is the
    -- leaders' to lower, and a lowered level stays until the scan has a higher one to apply
    ADD COLUMN escalation           text NOT NULL DEFAULT 'NORMAL' CHECK (escalation IN ('NORMAL', 'YELLOW', 'RED')),
    ADD COLUMN extension_request_id bigint;

-- what the scheduled jobs and the overdue filter look for, each among the tickets it concerns only
CREATE INDEX ticket_response_due_idx ON ticket (response_due_at) WHERE status = 'DISPATCHED';
CREATE INDEX ticket_resolution_due_idx ON ticket (resolution_due_at) WHERE status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS');
CREATE INDEX ticket_feedback_due_idx ON ticket (feedback_due_at) WHERE status = 'RESOLVED';
CREATE INDEX ticket_supervision_idx ON ticket (district_id, supervision, id DESC) WHERE supervision <> 'NORMAL';

CREATE SEQUENCE ticket_extension_seq INCREMENT BY 50;
CREATE TABLE ticket_extension (
    id            bigint PRIMARY KEY,
    ticket_id     bigint      NOT NULL REFERENCES ticket (id),
    district_id   bigint      NOT NULL,
    requested_by  bigint      NOT NULL REFERENCES account (id),
    due_at        timestamptz NOT NULL,
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status        text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED', 'LAPSED')),
    decided_by    bigint REFERENCES account (id),
    decision_note text CHECK (length(decision_note) <= 1000),
    created_at    timestamptz NOT NULL,
    decided_at    timestamptz
);
-- one open request per ticket, whatever the application does
CREATE UNIQUE INDEX ticket_extension_open_idx ON ticket_extension (ticket_id) WHERE status = 'PENDING';
CREATE INDEX ticket_extension_ticket_idx ON ticket_extension (ticket_id, id);
ALTER TABLE ticket ADD FOREIGN KEY (extension_request_id) REFERENCES ticket_extension (id);

-- a reminder (催办) is sent once per deadline: a moved deadline is a new one
CREATE TABLE ticket_reminder (
    ticket_id   bigint      NOT NULL REFERENCES ticket (id),
    deadline    text        NOT NULL CHECK (deadline IN ('RESPONSE', 'RESOLUTION')),
    due_at      timestamptz NOT NULL,
    reminded_at timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, deadline, due_at)
);
