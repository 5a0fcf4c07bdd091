-- Leaders' comments and peer review (SPEC §1.8, io.gridloop.review), and the points they move.

-- 领导点评: a grid leader or community admin judges the handler's work on a closed ticket, once per
-- commenter and ticket. A comment is final: it moved points, so it is neither edited nor deleted.
CREATE TABLE leader_comment (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id  bigint   NOT NULL REFERENCES region (id),
    ticket_id    bigint   NOT NULL REFERENCES ticket (id),
    grid_id      bigint   NOT NULL REFERENCES region (id),
    grid_path    text COLLATE "C" NOT NULL,
    handler_id   bigint   NOT NULL REFERENCES account (id),
    commenter_id bigint   NOT NULL REFERENCES account (id),
    score        smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    text         text     NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    created_at   timestamptz NOT NULL,
    UNIQUE (ticket_id, commenter_id),
    CHECK (handler_id <> commenter_id)
);
-- a member's comments over a period (the board, the card), and a grid's
CREATE INDEX leader_comment_handler_idx ON leader_comment (district_id, handler_id, created_at);
CREATE INDEX leader_comment_grid_idx ON leader_comment (district_id, grid_id, created_at);

-- 党员互评: a party member reviews another of the same community once per period (month or quarter,
-- gridloop.reviews.peer-period), period_start naming the period. Final, like a comment.
CREATE TABLE peer_review (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id    bigint   NOT NULL REFERENCES region (id),
    community_id   bigint   NOT NULL REFERENCES region (id),
    community_path text COLLATE "C" NOT NULL,
    reviewer_id    bigint   NOT NULL REFERENCES account (id),
    reviewee_id    bigint   NOT NULL REFERENCES account (id),
    period_start   date     NOT NULL,
    score          smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    text           text     NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    created_at     timestamptz NOT NULL,
    UNIQUE (reviewer_id, reviewee_id, period_start),
    CHECK (reviewer_id <> reviewee_id)
);
CREATE INDEX peer_review_reviewee_idx ON peer_review (district_id, reviewee_id, created_at);

-- Points (io.gridloop.points): a comment's score moves the handler's points once per comment, by the
-- district's rule; NULL in points_rule is the configured default.
ALTER TABLE points_rule
    ADD COLUMN leader_comment_praise  integer CHECK (leader_comment_praise BETWEEN 0 AND 10000),
    ADD COLUMN leader_comment_penalty integer CHECK (leader_comment_penalty BETWEEN 0 AND 10000);
ALTER TABLE points_entry DROP CONSTRAINT points_entry_cause_check;
ALTER TABLE points_entry ADD CONSTRAINT points_entry_cause_check
    CHECK (cause IN ('TICKET_CLOSED', 'WISH_CONFIRMED', 'REDEMPTION', 'REDEMPTION_CANCELLED', 'VOLUNTEER_HOURS', 'LEADER_COMMENT'));
