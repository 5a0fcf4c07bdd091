-- The foundation: the region tree, units, accounts and their roles, the service catalogue,
-- integration keys, the holiday calendar, and the shared idempotency and throttle records.
-- Every table that grows with use carries district_id, so it can later be distributed by district.

CREATE SEQUENCE region_seq INCREMENT BY 50;
CREATE TABLE region (
    id              bigint PRIMARY KEY,
    district_id     bigint NOT NULL,
    parent_id       bigint REFERENCES region (id),
    type            text   NOT NULL CHECK (type IN ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID')),
    name            text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- materialized path of ids, '/1/51/101/': "is X under Y" is a prefix match on an index
    path            text   NOT NULL UNIQUE,
    size_class      text CHECK (size_class IN ('LARGE', 'MEDIUM', 'SMALL')),
    boundary        jsonb,
    -- the boundary's outer ring in PostgreSQL's own geometry, so "which grid holds this point" uses an index
    boundary_area   polygon,
    contact_unit_id bigint,
    version         bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((type = 'DISTRICT') = (parent_id IS NULL)),
    CHECK (type = 'GRID' OR (size_class IS NULL AND boundary IS NULL)),
    CHECK (type <> 'GRID' OR size_class IS NOT NULL),
    UNIQUE (parent_id, name)
);
CREATE INDEX region_path_idx ON region (path text_pattern_ops);
CREATE INDEX region_parent_idx ON region (parent_id, id);
CREATE INDEX region_boundary_idx ON region USING gist (boundary_area);

CREATE SEQUENCE unit_seq INCREMENT BY 50;
CREATE TABLE unit (
    id           bigint PRIMARY KEY,
    district_id  bigint NOT NULL REFERENCES region (id),
    name         text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    contact_name text,
    phone        text,
    version      bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (district_id, name)
);
ALTER TABLE region ADD CONSTRAINT region_contact_unit_fk FOREIGN KEY (contact_unit_id) REFERENCES unit (id);

CREATE SEQUENCE account_seq INCREMENT BY 50;
CREATE TABLE account (
    id            bigint PRIMARY KEY,
    district_id   bigint NOT NULL REFERENCES region (id),
    username      text   NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    password_hash text,
    name          text   NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    phone         text,
    wechat_openid text,
    enabled       boolean NOT NULL DEFAULT true,
    version       bigint NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_key ON account (lower(username));
CREATE UNIQUE INDEX account_openid_key ON account (wechat_openid) WHERE wechat_openid IS NOT NULL;
CREATE INDEX account_district_idx ON account (district_id, id);

CREATE SEQUENCE role_binding_seq INCREMENT BY 50;
CREATE TABLE role_binding (
    id          bigint PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    district_id bigint NOT NULL REFERENCES region (id),
    role        text   NOT NULL CHECK (role IN ('RESIDENT', 'PARTY_MEMBER', 'GRID_MEMBER', 'GRID_LEADER',
                                                'COMMUNITY_ADMIN', 'UNIT_HANDLER', 'DISTRICT_ADMIN', 'INTEGRATION')),
    region_id   bigint REFERENCES region (id),
    unit_id     bigint REFERENCES unit (id),
    CHECK (region_id IS NULL OR unit_id IS NULL),
    CHECK ((role = 'UNIT_HANDLER') = (unit_id IS NOT NULL)),
    CHECK (role IN ('RESIDENT', 'UNIT_HANDLER') OR region_id IS NOT NULL),
    UNIQUE NULLS NOT DISTINCT (account_id, role, region_id, unit_id)
);
CREATE INDEX role_binding_region_idx ON role_binding (region_id, role);
CREATE INDEX role_binding_unit_idx ON role_binding (unit_id);

CREATE SEQUENCE category_seq INCREMENT BY 50;
CREATE TABLE category (
    id                    bigint PRIMARY KEY,
    district_id           bigint  NOT NULL REFERENCES region (id),
    code                  text    NOT NULL CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
    name_zh               text    NOT NULL,
    name_en               text    NOT NULL,
    group_name            text    NOT NULL,
    default_matter_class  text    NOT NULL CHECK (default_matter_class IN ('MAJOR', 'MINOR', 'PERSONAL')),
    response_limit        integer NOT NULL CHECK (response_limit > 0),
    response_limit_unit   text    NOT NULL CHECK (response_limit_unit IN ('HOURS', 'WORKING_DAYS')),
    resolution_limit      integer NOT NULL CHECK (resolution_limit > 0),
    resolution_limit_unit text    NOT NULL CHECK (resolution_limit_unit IN ('HOURS', 'WORKING_DAYS')),
    verification_required boolean NOT NULL DEFAULT false,
    attributes            jsonb   NOT NULL DEFAULT '[]',
    active                boolean NOT NULL DEFAULT true,
    version               bigint  NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (district_id, code)
);

CREATE SEQUENCE api_key_seq INCREMENT BY 50;
CREATE TABLE api_key (
    id          bigint PRIMARY KEY,
    district_id bigint NOT NULL REFERENCES region (id),
    region_id   bigint NOT NULL REFERENCES region (id),
    name        text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- SHA-256 of the key: keys are long random strings, so a fast hash is enough
    key_hash    text   NOT NULL UNIQUE,
    key_prefix  text   NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE holiday (
    district_id bigint NOT NULL REFERENCES region (id),
    day         date   NOT NULL,
    -- false: a public holiday; true: a weekend day that is a make-up working day (调休)
    working     boolean NOT NULL,
    name        text   NOT NULL,
    PRIMARY KEY (district_id, day)
);

CREATE TABLE idempotency_record (
    owner           text   NOT NULL,
    key             text   NOT NULL,
    fingerprint     text   NOT NULL,
    state           text   NOT NULL CHECK (state IN ('RUNNING', 'DONE')),
    running_until   timestamptz,
    response_status integer,
    response_body   text,
    response_location text,
    response_etag   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

CREATE TABLE login_throttle (
    key          text PRIMARY KEY,
    failures     integer NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);

-- A region's path is its parent's path and its own id: set here, so no writer can get it wrong.
CREATE FUNCTION region_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.path := coalesce((SELECT path FROM region WHERE id = NEW.parent_id), '/') || NEW.id || '/';
    RETURN NEW;
END $$;
CREATE TRIGGER region_path BEFORE INSERT ON region FOR EACH ROW EXECUTE FUNCTION region_path();

-- A grid's boundary is stored as GeoJSON for clients and, derived here, as a polygon for lookups.
CREATE FUNCTION region_boundary_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.boundary_area := CASE WHEN NEW.boundary IS NULL THEN NULL ELSE (
        SELECT ('(' || string_agg('(' || (p ->> 0) || ',' || (p ->> 1) || ')', ',' ORDER BY n) || ')')::polygon
        FROM jsonb_array_elements(NEW.boundary -> 'coordinates' -> 0) WITH ORDINALITY AS ring (p, n)) END;
    RETURN NEW;
END $$;
CREATE TRIGGER region_boundary_area BEFORE INSERT OR UPDATE OF boundary ON region
    FOR EACH ROW EXECUTE FUNCTION region_boundary_area();
