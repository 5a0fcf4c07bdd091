package io.gridloop.bench;

/** A signed-in account: its bearer token, and the ids the pgbench script and the race need. */
record Session(String username, String token, long accountId, long districtId) {
}
