package io.gridloop.catalog;

/**
 * A category of the district was created or changed; {@link Catalog} observes it after the commit
 * and drops what it kept of that code.
 */
record CategoryChanged(long districtId, String code) {
}
