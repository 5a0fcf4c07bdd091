package io.gridloop.region;

/** A grid's size class: 大/中/小网格. */
public enum SizeClass {
    LARGE,
    MEDIUM,
    SMALL
}
