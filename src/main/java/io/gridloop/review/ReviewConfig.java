package io.gridloop.review;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.reviews")
interface ReviewConfig {

    /** How often a party member may review another of the community: once a MONTH or once a QUARTER (district zone). */
    @WithDefault("MONTH")
    PeerPeriod peerPeriod();

    /** What each star above one asks of a member over the board's period ({@link StarRule}). */
    Stars stars();

    /**
     * Each list holds the minimum for 2, 3, 4 and 5 stars, in that order; 0 leaves the criterion out at
     * that level. A member has the most stars whose every minimum they meet, and one star otherwise. A
     * list of another length stops the start ({@link RankingBoard} is made at start and checks them).
     */
    interface Stars {

        /** Resolutions in the period. */
        @WithDefault("1,3,5,10")
        List<Integer> minResolved();

        /** On-time closure rate (按期办结率), 0..1, as the metrics board counts it. */
        @WithDefault("0,0.8,0.9,0.95")
        List<Double> minOnTimeRate();

        /** Satisfaction rate (满意率), 0..1, as the metrics board counts it. */
        @WithDefault("0,0.8,0.9,0.95")
        List<Double> minSatisfactionRate();

        /** Average score (1..5) of leaders' comments made in the period. */
        @WithDefault("0,0,4,4.5")
        List<Double> minCommentAverage();

        /** Average score (1..5) of peer reviews made in the period. */
        @WithDefault("0,0,0,4")
        List<Double> minPeerAverage();
    }
}
