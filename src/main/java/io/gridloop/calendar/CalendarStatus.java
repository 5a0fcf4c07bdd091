package io.gridloop.calendar;

/**
 * Where a district's calendar for a year stands. PUBLISHED: the State Council's arrangement;
 * PROVISIONAL: drawn up before it was published, used all the same until it is replaced; NONE: never
 * set, so the year falls back to Monday to Friday.
 */
public enum CalendarStatus {
    PUBLISHED,
    PROVISIONAL,
    NONE
}
