-- Party members in the community (SPEC §1.2, §1.9; io.gridloop.member): 双报到, posts and commitments,
-- volunteer hours; and what points needs for the hours.

-- 双报到: an in-service party member registers with the community where they live, beside their working
-- unit's party organisation; the community admin confirms (then the account holds PARTY_MEMBER there) or
-- declines. An account has at most one open (pending or confirmed) registration. The confirmed one is the
-- member's card: posts (设岗定职, set by the admin) and commitments (亮承诺, the member's own), each with
-- its own version for If-Match.
CREATE TABLE member_registration (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id         bigint NOT NULL REFERENCES region (id),
    account_id          bigint NOT NULL REFERENCES account (id),
    community_id        bigint NOT NULL REFERENCES region (id),
    community_path      text COLLATE "C" NOT NULL,
    party_organisation  text   NOT NULL CHECK (length(party_organisation) BETWEEN 1 AND 100),
    status              text   NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'DECLINED')),
    note                text CHECK (length(note) <= 500),
    posts               jsonb  NOT NULL DEFAULT '[]',
    posts_version       bigint NOT NULL DEFAULT 1,
    commitments         jsonb  NOT NULL DEFAULT '[]',
    commitments_version bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL,
    decided_at          timestamptz,
    decided_by          bigint REFERENCES account (id)
);
CREATE UNIQUE INDEX member_registration_open_idx ON member_registration (account_id) WHERE status IN ('PENDING', 'CONFIRMED');
-- the admin's list of a community's registrations by status, newest first
CREATE INDEX member_registration_community_idx ON member_registration (community_id, status, id DESC);

-- Volunteer hours a member reports (activity, day, hours in half hours); the community admin approves
-- or rejects once. Approval awards points (VOLUNTEER_HOURS, once per report) in the same transaction.
CREATE TABLE volunteer_hours (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id    bigint NOT NULL REFERENCES region (id),
    account_id     bigint NOT NULL REFERENCES account (id),
    community_id   bigint NOT NULL REFERENCES region (id),
    community_path text COLLATE "C" NOT NULL,
    activity       text   NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
    day            date   NOT NULL,
    hours          numeric(3, 1) NOT NULL CHECK (hours > 0 AND hours <= 24 AND hours * 2 = trunc(hours * 2)),
    status         text   NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    points         integer,
    note           text CHECK (length(note) <= 500),
    created_at     timestamptz NOT NULL,
    decided_at     timestamptz,
    decided_by     bigint REFERENCES account (id)
);
CREATE INDEX volunteer_hours_community_idx ON volunteer_hours (community_id, status, id DESC);
CREATE INDEX volunteer_hours_account_idx ON volunteer_hours (account_id, status);

-- points (io.gridloop.points): approved hours pay per hour; null keeps the configured default.
ALTER TABLE points_rule ADD COLUMN volunteer_hour integer CHECK (volunteer_hour BETWEEN 0 AND 10000);
ALTER TABLE points_entry DROP CONSTRAINT points_entry_cause_check;
ALTER TABLE points_entry ADD CONSTRAINT points_entry_cause_check
    CHECK (cause IN ('TICKET_CLOSED', 'WISH_CONFIRMED', 'REDEMPTION', 'REDEMPTION_CANCELLED', 'VOLUNTEER_HOURS'));

-- ticket (io.gridloop.ticket): a member's claims and resolutions (TicketFacts.CLAIMS, RESOLUTIONS) by actor,
-- for the member's card and ledger
CREATE INDEX ticket_event_actor_idx ON ticket_event (actor_id, action, id DESC);
