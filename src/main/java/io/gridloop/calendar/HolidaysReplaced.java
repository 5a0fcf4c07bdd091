package io.gridloop.calendar;

/**
 * A district administrator replaced the calendar of a year. Fired inside the replacing transaction;
 * observe it {@code during = TransactionPhase.AFTER_SUCCESS} to act only once it is committed.
 */
public record HolidaysReplaced(long districtId, int year) {
}
