-- The summaries read the filed counts of whole months from month rows (metrics.MetricsQueries.rows): a
-- district's month is one row per (status, category, source, matter class) key of each region asked, the
-- 21 streets' of a groupBy=child about 4,450 rows. The period index found them one or two to a heap page (a
-- month row is folded into whenever a ticket of its month is filed or changes status, and its versions land
-- wherever a page has room). This index holds the keys and the count, so a month that has ended (its pages
-- all-visible after VACUUM) is read from the index alone: at a million tickets a groupBy=child of a
-- district's month spent 19-21 ms in PostgreSQL instead of 23-28.
-- The price, as V31's: folding into a month row is no longer a HOT update, so each such fold writes an
-- index entry here and in the key. Day rows stay HOT.
CREATE INDEX metrics_filed_month_idx ON metrics_filed (district_id, grid_path, day)
    INCLUDE (status, category_id, source, matter_class, n)
    WHERE grain = 'M';
