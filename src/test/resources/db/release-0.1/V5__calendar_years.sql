-- Which years of a district have a holiday calendar (SPEC §1.7). A year can be published with no
-- holiday rows at all, so "has a calendar" cannot be read from holiday; a year without a row here
-- falls back to Monday to Friday.

CREATE TABLE calendar_year (
    district_id bigint      NOT NULL REFERENCES region (id),
    year        integer     NOT NULL,
    -- PUBLISHED: the State Council's arrangement; PROVISIONAL: drawn up before it was published
    status      text        NOT NULL CHECK (status IN ('PUBLISHED', 'PROVISIONAL')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- the ETag of GET/PUT /api/v1/holidays/{year}; 0 is the version of a year that has no row
    version     bigint      NOT NULL DEFAULT 1 CHECK (version > 0),
    PRIMARY KEY (district_id, year)
);

-- Every year that already has holiday rows was put there on purpose: it has a calendar. Whether it was
-- only provisional is not recorded anywhere, so it counts as published; a PUT can say otherwise.
INSERT INTO calendar_year (district_id, year, status)
SELECT DISTINCT district_id, extract(year FROM day)::integer, 'PUBLISHED'
FROM holiday;
