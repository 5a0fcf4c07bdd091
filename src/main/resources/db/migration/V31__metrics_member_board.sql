-- The board by member (metrics.MetricsQueries.ranking) of whole months reads the members' month rows of one
-- region: a district's month at a million tickets is 11,010 rows, which the period index found on 8,470
-- heap pages (a row is folded into all month long, so its versions land wherever a page has room): 26 ms
-- of PostgreSQL in a 55 ms answer. This index holds the figures the board reads, so a month that has ended
-- (whose pages VACUUM has marked all-visible) is read from the index alone: 190 pages, 5 ms.
-- The price: folding into a member's month row is no longer a HOT update (its figures are in this index),
-- so each such fold writes an index entry here and in the key. Day rows and the rows of member 0 (the
-- summaries' rows, folded into far more often) stay HOT.
CREATE INDEX metrics_counter_board_idx ON metrics_counter (district_id, grid_path, day)
    INCLUDE (member_id, resolved, resolved_with_due, resolved_on_time, resolved_timed, resolution_seconds,
             resolution_working_seconds, rated, rated_satisfied, rated_basically)
    WHERE member_id <> 0 AND grain = 'M';
