-- Tickets and their timeline (SPEC §1.4–1.6).

CREATE SEQUENCE ticket_seq INCREMENT BY 50;
CREATE TABLE ticket (
    id                    bigint PRIMARY KEY,
    district_id           bigint NOT NULL REFERENCES region (id),
    number                text   NOT NULL UNIQUE,
    kind                  text   NOT NULL CHECK (kind IN ('ISSUE', 'WISH')),
    category_id           bigint NOT NULL REFERENCES category (id),
    title                 text   NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description           text CHECK (length(description) <= 4000),
    lat                   double precision CHECK (lat BETWEEN -90 AND 90),
    lng                   double precision CHECK (lng BETWEEN -180 AND 180),
    address               text CHECK (length(address) <= 200),
    grid_id               bigint NOT NULL REFERENCES region (id),
    -- the grid's path in the region tree, in the C collation so a subtree is an index range
    grid_path             text COLLATE "C" NOT NULL,
    reporter_id           bigint REFERENCES account (id),
    reporter_name         text,
    reporter_phone        text,
    anonymous             boolean NOT NULL DEFAULT false,
    source                text   NOT NULL CHECK (source IN ('MINI_PROGRAM', 'PATROL', 'HOTLINE', 'WALK_IN', 'OPEN311', 'INTEGRATION')),
    matter_class          text CHECK (matter_class IN ('MAJOR', 'MINOR', 'PERSONAL')),
    priority              text   NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    status                text   NOT NULL CHECK (status IN ('SUBMITTED', 'TRIAGED', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS',
                                                            'RESOLVED', 'CLOSED', 'CANCELLED', 'REJECTED')),
    dispatch_target       text CHECK (dispatch_target IN ('POOL', 'ACCOUNT', 'UNIT')),
    assignee_id           bigint REFERENCES account (id),
    assignee_unit_id      bigint REFERENCES unit (id),
    response_due_at       timestamptz,
    resolution_due_at     timestamptz,
    feedback_due_at       timestamptz,
    supervision           text   NOT NULL DEFAULT 'NORMAL' CHECK (supervision IN ('NORMAL', 'YELLOW', 'RED')),
    reopen_count          integer NOT NULL DEFAULT 0,
    flagged_for_community boolean NOT NULL DEFAULT false,
    duplicate_of          bigint REFERENCES ticket (id),
    reject_reason         text CHECK (reject_reason IN ('DUPLICATE', 'INVALID', 'OUT_OF_SCOPE')),
    resolution            text CHECK (length(resolution) <= 4000),
    claimed_at            timestamptz,
    resolved_at           timestamptz,
    verified_at           timestamptz,
    closed_at             timestamptz,
    rating                text CHECK (rating IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'NOT_RATED')),
    solved                text CHECK (solved IN ('SOLVED', 'PARTLY', 'UNSOLVED')),
    feedback_comment      text CHECK (length(feedback_comment) <= 1000),
    version               bigint NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (reporter_id IS NOT NULL OR reporter_name IS NOT NULL)
);
-- lists are newest first within the caller's part of the tree, optionally by status
CREATE INDEX ticket_scope_idx ON ticket (grid_path, id DESC);
CREATE INDEX ticket_status_idx ON ticket (district_id, status, id DESC);
CREATE INDEX ticket_grid_idx ON ticket (grid_id, id DESC);
CREATE INDEX ticket_category_idx ON ticket (category_id, id DESC);
CREATE INDEX ticket_kind_idx ON ticket (district_id, kind, id DESC);
CREATE INDEX ticket_reporter_idx ON ticket (reporter_id, id DESC);
CREATE INDEX ticket_assignee_idx ON ticket (assignee_id, id DESC);
CREATE INDEX ticket_unit_idx ON ticket (assignee_unit_id, id DESC) WHERE assignee_unit_id IS NOT NULL;
CREATE INDEX ticket_pool_idx ON ticket (grid_path, id DESC) WHERE status = 'DISPATCHED';
CREATE INDEX ticket_duplicate_idx ON ticket (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE SEQUENCE ticket_event_seq INCREMENT BY 50;
CREATE TABLE ticket_event (
    id          bigint PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES ticket (id),
    district_id bigint NOT NULL,
    actor_id    bigint REFERENCES account (id),
    actor_role  text,
    action      text   NOT NULL,
    from_status text,
    to_status   text   NOT NULL,
    note        text CHECK (length(note) <= 4000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_event_ticket_idx ON ticket_event (ticket_id, id);

-- The timeline is the ticket's ledger: once written, an event is never changed or removed.
CREATE FUNCTION ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ticket_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ticket_event_append_only BEFORE UPDATE OR DELETE ON ticket_event
    FOR EACH ROW EXECUTE FUNCTION ticket_event_append_only();
CREATE TRIGGER ticket_event_no_truncate BEFORE TRUNCATE ON ticket_event
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_event_append_only();
