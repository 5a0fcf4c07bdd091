package io.gridloop.review;

import java.util.List;

/**
 * 星级评定: how many stars (1–5) a member's figures over a period earn. Each star above one names a
 * minimum per criterion (0: the criterion is left out at that level); a member has the most stars
 * whose every minimum they meet, and one star otherwise. A figure the member has none of (no rated
 * ticket, no comment) meets no minimum above 0.
 */
record StarRule(List<Integer> minResolved, List<Double> minOnTimeRate, List<Double> minSatisfactionRate,
        List<Double> minCommentAverage, List<Double> minPeerAverage) {

    /** One entry per star from 2 to 5. */
    static final int LEVELS = 4;

    /** What the stars are counted from: the metrics board's figures and the reviews' averages, null when there are none. */
    record Figures(long resolved, Double onTimeRate, Double satisfactionRate, Double commentAverage, Double peerAverage) {
    }

    StarRule {
        for (List<?> minimums : List.of(minResolved, minOnTimeRate, minSatisfactionRate, minCommentAverage, minPeerAverage)) {
            if (minimums.size() != LEVELS) {
                throw new IllegalArgumentException("a star criterion needs one minimum for each of 2, 3, 4 and 5 stars: " + minimums);
            }
        }
    }

    static StarRule of(ReviewConfig.Stars stars) {
        return new StarRule(stars.minResolved(), stars.minOnTimeRate(), stars.minSatisfactionRate(), stars.minCommentAverage(),
                stars.minPeerAverage());
    }

    int stars(Figures figures) {
        for (int stars = 5; stars >= 2; stars--) {
            if (meets(figures, stars - 2)) {
                return stars;
            }
        }
        return 1;
    }

    private boolean meets(Figures f, int level) {
        return f.resolved() >= minResolved.get(level)
                && atLeast(f.onTimeRate(), minOnTimeRate.get(level))
                && atLeast(f.satisfactionRate(), minSatisfactionRate.get(level))
                && atLeast(f.commentAverage(), minCommentAverage.get(level))
                && atLeast(f.peerAverage(), minPeerAverage.get(level));
    }

    private static boolean atLeast(Double figure, double minimum) {
        return minimum <= 0 || figure != null && figure >= minimum;
    }
}
