-- The three lists (三张清单, SPEC §1.9): the resource list is new (io.gridloop.lists); the needs list reads
-- the open tickets and wishes of a community, the service list the catalogue.

-- What units and party members offer a community: volunteer service, skills, venues, goods.
CREATE TABLE community_resource (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id    bigint  NOT NULL REFERENCES region (id),
    community_id   bigint  NOT NULL REFERENCES region (id),
    community_path text COLLATE "C" NOT NULL,
    -- the account that offered it (the member, the unit's handler, or the admin entering it for someone)
    offered_by     bigint  NOT NULL REFERENCES account (id),
    -- the unit offering it, when a unit's handler offered it: any handler of the unit manages it
    unit_id        bigint  REFERENCES unit (id),
    provider       text    NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
    kind           text    NOT NULL CHECK (kind IN ('VOLUNTEER_SERVICE', 'SKILL', 'VENUE', 'GOODS', 'FUNDING', 'OTHER')),
    title          text    NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description    text    CHECK (length(description) <= 2000),
    capacity       text    CHECK (length(capacity) <= 100),
    availability   text    CHECK (length(availability) <= 200),
    contact_name   text    CHECK (length(contact_name) <= 50),
    contact_phone  text    CHECK (length(contact_phone) <= 20),
    status         text    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'WITHDRAWN')),
    version        bigint  NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
-- the community's list, newest first
CREATE INDEX community_resource_list_idx ON community_resource (community_id, id DESC) WHERE status = 'ACTIVE';

-- The needs list: a community's open tickets and wishes, newest first (a subtree of grid paths).
CREATE INDEX ticket_open_idx ON ticket (grid_path, id DESC)
    WHERE status IN ('SUBMITTED', 'TRIAGED', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'RESOLVED');

-- What the demo loader (dev, demo and test profiles) has done beyond the district file, once per database:
-- the demo's wishes and resources are made through the services, as people would, and never again.
CREATE TABLE seed_activity (
    name      text PRIMARY KEY,
    loaded_at timestamptz NOT NULL
);
