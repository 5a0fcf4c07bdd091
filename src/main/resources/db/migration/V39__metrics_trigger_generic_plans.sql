-- The counters' trigger (V17, V23) plans its statements once per connection, not on every call.
--
-- metrics_count_events_of runs, for each new dispatch, claim, resolution and rating, one statement of four
-- branches with their lateral lookups. PL/pgSQL keeps its plan in the plan cache, but under the default
-- plan_cache_mode the cache compared a generic plan (costed for an array of unknown length) with a plan for the
-- one id at hand, found the latter cheaper and so planned the statement again on every call: 1.3 ms of
-- planning against 0.9 ms of execution, about a fifth of PostgreSQL's CPU per loop request
-- (docs/benchmarks.md, 2026-12-06). The generic plan is the same nested loops over the same indexes. The
-- setting holds for what the function calls too (metrics_lock_shared, metrics_working_seconds).
ALTER FUNCTION metrics_count_events_of(bigint[]) SET plan_cache_mode = force_generic_plan;
