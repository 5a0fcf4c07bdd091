-- Community engagement (SPEC §1.9): the micro-wish wall, points (积分/幸福币) and the points store.

-- The wall lists a community's wishes newest first: a subtree of grid paths, wishes only.
CREATE INDEX ticket_wish_idx ON ticket (grid_path, id DESC) WHERE kind = 'WISH';

-- Points rules per district (io.gridloop.points); a district without a row uses the configured defaults.
CREATE TABLE points_rule (
    district_id              bigint PRIMARY KEY REFERENCES region (id),
    ticket_satisfied         integer NOT NULL CHECK (ticket_satisfied BETWEEN 0 AND 10000),
    ticket_basically_satisfied integer NOT NULL CHECK (ticket_basically_satisfied BETWEEN 0 AND 10000),
    wish_confirmed           integer NOT NULL CHECK (wish_confirmed BETWEEN 0 AND 10000),
    version                  bigint  NOT NULL DEFAULT 1,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- The points ledger: append-only; each award or spending once per cause (unique), so a
-- ticket closed again, or a retried redemption, never pays or charges twice.
CREATE TABLE points_entry (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id   bigint  NOT NULL REFERENCES region (id),
    account_id    bigint  NOT NULL REFERENCES account (id),
    amount        integer NOT NULL CHECK (amount <> 0),
    cause         text    NOT NULL CHECK (cause IN ('TICKET_CLOSED', 'WISH_CONFIRMED', 'REDEMPTION', 'REDEMPTION_CANCELLED')),
    -- what caused it: the ticket (TICKET_CLOSED, WISH_CONFIRMED) or the redemption (REDEMPTION*)
    cause_ref     bigint  NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (cause, cause_ref)
);
-- one account's ledger, newest first
CREATE INDEX points_entry_account_idx ON points_entry (account_id, id DESC);

CREATE FUNCTION points_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'points_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER points_entry_append_only BEFORE UPDATE OR DELETE ON points_entry
    FOR EACH ROW EXECUTE FUNCTION points_entry_append_only();
CREATE TRIGGER points_entry_no_truncate BEFORE TRUNCATE ON points_entry
    FOR EACH STATEMENT EXECUTE FUNCTION points_entry_append_only();

-- The balance is the ledger's sum, moved by the same statement that writes each entry; never below zero.
CREATE TABLE points_balance (
    account_id  bigint PRIMARY KEY REFERENCES account (id),
    district_id bigint NOT NULL REFERENCES region (id),
    balance     bigint NOT NULL CHECK (balance >= 0)
);

-- The points store of a community (io.gridloop.store): donated goods with their stock.
CREATE TABLE store_item (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id    bigint  NOT NULL REFERENCES region (id),
    community_id   bigint  NOT NULL REFERENCES region (id),
    community_path text COLLATE "C" NOT NULL,
    name           text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description    text CHECK (length(description) <= 1000),
    price          integer NOT NULL CHECK (price BETWEEN 1 AND 1000000),
    stock          integer NOT NULL CHECK (stock >= 0),
    active         boolean NOT NULL DEFAULT true,
    version        bigint  NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX store_item_community_idx ON store_item (community_id, id);

CREATE TABLE store_redemption (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id  bigint  NOT NULL REFERENCES region (id),
    community_id bigint  NOT NULL REFERENCES region (id),
    item_id      bigint  NOT NULL REFERENCES store_item (id),
    account_id   bigint  NOT NULL REFERENCES account (id),
    quantity     integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    points       integer NOT NULL CHECK (points > 0),
    status       text    NOT NULL CHECK (status IN ('PENDING', 'FULFILLED', 'CANCELLED')),
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz,
    decided_by   bigint REFERENCES account (id)
);
CREATE INDEX store_redemption_account_idx ON store_redemption (account_id, id DESC);
CREATE INDEX store_redemption_community_idx ON store_redemption (community_id, id DESC);
