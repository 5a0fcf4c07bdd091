package io.gridloop.points;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The points rules of a district that has not set its own (PUT /api/v1/points/rules). */
@ConfigMapping(prefix = "gridloop.points")
interface PointsConfig {

    /** Points to the handler of a ticket the reporter closes SATISFIED. */
    @WithDefault("10")
    int ticketSatisfied();

    /** Points to the handler of a ticket the reporter closes BASICALLY_SATISFIED. */
    @WithDefault("5")
    int ticketBasicallySatisfied();

    /** Points to whoever fulfilled a wish the resident confirms (SATISFIED or BASICALLY_SATISFIED). */
    @WithDefault("20")
    int wishConfirmed();

    /** Points per approved volunteer hour (a report of 2.5 hours pays 2.5 × this, rounded down). */
    @WithDefault("5")
    int volunteerHour();

    /** Points to the handler whose work a leader's comment scores 5 (领导点评). */
    @WithDefault("5")
    int leaderCommentPraise();

    /** Points taken from the handler whose work a leader's comment scores 1 or 2; never more than the balance. */
    @WithDefault("5")
    int leaderCommentPenalty();
}
