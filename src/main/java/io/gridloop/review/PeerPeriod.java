package io.gridloop.review;

import java.time.LocalDate;

/** The period within which a party member reviews another once (党员互评). */
enum PeerPeriod {
    MONTH, QUARTER;

    /** The first day of the period holding the day. */
    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        };
    }
}
