-- Search over a ticket's title and description, Chinese included, through an index. The embedded
-- PostgreSQL has no Chinese parser (zhparser, pg_bigm) and pg_trgm cannot index two-character words,
-- so the document is built here: each run of Chinese characters gives its characters and its
-- two-character pairs (路灯不亮 → 路 灯 不 亮 路灯 灯不 不亮), each run of Latin letters or digits one
-- lower-case term (3号楼 → 3 号 楼 号楼; WiFi → wifi). A query keeps the pairs of its longer runs
-- (路灯 must be next to each other, not 路 and 灯 anywhere) and its single characters and words,
-- all of which must be present.

CREATE FUNCTION search_tokens(doc text) RETURNS TABLE (token text, cjk boolean)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT m[1], m[1] !~ '^[a-z0-9]+$'
      FROM regexp_matches(lower(coalesce(doc, '')), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+)', 'g') AS m
$$;

-- Index builds run with a search_path of pg_catalog only (PostgreSQL 17+), so the functions keep the
-- one they were made with to find search_tokens.
CREATE FUNCTION search_document(title text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT array_to_tsvector(coalesce(array_agg(DISTINCT term), '{}'))
      FROM (SELECT token AS term FROM search_tokens(title || ' ' || coalesce(description, '')) WHERE NOT cjk
            UNION ALL
            SELECT substr(token, i, n)
              FROM search_tokens(title || ' ' || coalesce(description, '')) AS t
              CROSS JOIN LATERAL generate_series(1, length(t.token)) AS i
              CROSS JOIN (VALUES (1), (2)) AS size (n)
             WHERE t.cjk AND i + n - 1 <= length(t.token)) AS terms
$$;

-- A query's terms, all required: words as they are, a single Chinese character as itself, a longer
-- run as its pairs. NULL when the text has nothing to search for.
CREATE FUNCTION search_query(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT CAST(string_agg(DISTINCT quote_literal(term), ' & ') AS tsquery)
      FROM (SELECT token AS term FROM search_tokens(q) WHERE NOT cjk OR length(token) = 1
            UNION ALL
            SELECT substr(token, i, 2)
              FROM search_tokens(q) AS t CROSS JOIN LATERAL generate_series(1, length(t.token) - 1) AS i
             WHERE t.cjk AND length(t.token) > 1) AS terms
$$;

-- An expression index, not a stored column: lists read whole rows, and the document would travel with each.
CREATE INDEX ticket_search_idx ON ticket USING gin (search_document(title, description));
