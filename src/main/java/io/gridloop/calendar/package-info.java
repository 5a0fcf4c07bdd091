/** The working-day calendar: holidays and make-up working days per district and year. */
@OwnsTables({ "holiday", "calendar_year" })
package io.gridloop.calendar;

import io.gridloop.shared.OwnsTables;
