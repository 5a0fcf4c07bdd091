-- What bench/ticket-file.py needs to know of the district bench/district-file.py --lufeng imported,
-- as one JSON document: its grids (centre and radius from the lattice district-file.py draws them
-- on), each grid's leader, member and residents, each community's party members, the units and
-- their handlers, the categories, the first free ids and the numbers already given per year.
WITH grids AS (
    SELECT g.id, g.path, g.size_class, c.id AS community_id, s.name AS street, c.name AS community,
           CAST(substr(g.name, 5) AS int) AS n,
           dense_rank() OVER (ORDER BY c.id) - 1 AS community_index,
           row_number() OVER (ORDER BY g.id) - 1 AS grid_index
      FROM region g JOIN region c ON c.id = g.parent_id JOIN region s ON s.id = c.parent_id
     WHERE g.type = 'GRID' AND g.name LIKE '基准网格%'
), bound AS (
    SELECT b.region_id, b.role, array_agg(b.account_id ORDER BY b.account_id) AS ids
      FROM role_binding b WHERE b.role IN ('GRID_LEADER', 'GRID_MEMBER', 'RESIDENT', 'PARTY_MEMBER')
     GROUP BY b.region_id, b.role
)
SELECT json_build_object(
    'now', extract(epoch FROM now()),
    'district_id', (SELECT district_id FROM region WHERE id = (SELECT min(id) FROM grids)),
    'grids', (SELECT json_agg(json_build_array(g.id, g.path, 30.0 + (g.n / 100) * 0.01, 120.0 + (g.n % 100) * 0.01,
                                               CASE g.size_class WHEN 'SMALL' THEN 0.003 WHEN 'MEDIUM' THEN 0.004 ELSE 0.0049 END,
                                               g.street, g.community,
                                               (SELECT ids[1] FROM bound WHERE region_id = g.id AND role = 'GRID_LEADER'),
                                               (SELECT ids[1] FROM bound WHERE region_id = g.id AND role = 'GRID_MEMBER'),
                                               g.community_index) ORDER BY g.grid_index) FROM grids g),
    'residents', (SELECT json_agg(coalesce((SELECT to_json(ids) FROM bound WHERE region_id = g.id AND role = 'RESIDENT'),
                                           '[]') ORDER BY g.grid_index) FROM grids g),
    'party', (SELECT json_agg(coalesce((SELECT to_json(ids) FROM bound WHERE region_id = c.community_id AND role = 'PARTY_MEMBER'),
                                       '[]') ORDER BY c.community_index)
                FROM (SELECT DISTINCT community_id, community_index FROM grids) c),
    'units', (SELECT json_agg(json_build_array(b.unit_id, b.account_id) ORDER BY b.unit_id)
                FROM role_binding b JOIN unit u ON u.id = b.unit_id
               WHERE b.role = 'UNIT_HANDLER' AND u.name LIKE '基准单位%'),
    'categories', (SELECT json_agg(json_build_object('id', c.id, 'code', c.code, 'default_matter_class', c.default_matter_class,
                                                     'response_limit', c.response_limit, 'response_limit_unit', c.response_limit_unit,
                                                     'resolution_limit', c.resolution_limit,
                                                     'resolution_limit_unit', c.resolution_limit_unit,
                                                     'verification_required', c.verification_required) ORDER BY c.id)
                     FROM category c WHERE c.active AND c.district_id = (SELECT district_id FROM region WHERE id = (SELECT min(id) FROM grids))),
    'first_ticket_id', (SELECT greatest(coalesce(max(id), 0), (SELECT last_value FROM ticket_seq)) + 1000 FROM ticket),
    'first_event_id', (SELECT greatest(coalesce(max(id), 0), (SELECT last_value FROM ticket_event_seq)) + 1000 FROM ticket_event),
    'numbers', (SELECT coalesce(json_object_agg(y, n), '{}') FROM (
                    SELECT substr(number, 4, 4) AS y, max(CAST(substr(number, 9) AS bigint)) AS n
                      FROM ticket WHERE number ~ '^GL-[0-9]{4}-[0-9]+$' GROUP BY 1) given)
);
