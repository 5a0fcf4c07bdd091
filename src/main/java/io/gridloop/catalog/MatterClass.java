package io.gridloop.catalog;

/** The three-way split at triage (三事分流): 大事, 小事, 私事. */
public enum MatterClass {
    MAJOR,
    MINOR,
    PERSONAL
}
