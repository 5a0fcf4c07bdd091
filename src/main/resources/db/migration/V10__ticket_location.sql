-- Tickets near a point ("already reported nearby", SPEC §2a): the point (lng, lat) of each located
-- ticket in a GiST index, so a box around the point is an index scan; the exact distance is computed
-- for the few tickets in the box.
CREATE INDEX ticket_location_idx ON ticket USING gist (point(lng, lat)) WHERE lat IS NOT NULL AND lng IS NOT NULL;
