-- Before bench/generate.sh loads the tickets: the indexes of ticket, ticket_event and ticket_search that a load
-- writes in random order (every one that is neither unique nor partial), printed as the CREATE statements that build
-- them again after the load, then dropped. Built from the loaded rows, each is one sort instead of a page
-- written at random per row; the service starts with its scheduler off while they are missing.
SELECT pg_get_indexdef(i.indexrelid) || ';'
  FROM pg_index i
 WHERE i.indrelid IN ('ticket'::regclass, 'ticket_event'::regclass, 'ticket_search'::regclass)
   AND NOT i.indisunique AND i.indpred IS NULL
 ORDER BY i.indexrelid;
SELECT format('DROP INDEX %s', CAST(i.indexrelid AS regclass))
  FROM pg_index i
 WHERE i.indrelid IN ('ticket'::regclass, 'ticket_event'::regclass, 'ticket_search'::regclass)
   AND NOT i.indisunique AND i.indpred IS NULL \gexec
