package io.gridloop.catalog;

/** A time limit counts calendar hours or working days (weekends and holidays skipped, make-up days counted). */
public enum LimitUnit {
    HOURS,
    WORKING_DAYS
}
