package io.gridloop.review;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.gridloop.metrics.Boards;
import io.gridloop.review.MemberReviews.Average;
import io.gridloop.review.MemberReviews.Subject;
import io.gridloop.review.ReviewViews.Board;
import io.gridloop.review.ReviewViews.Entry;
import io.gridloop.review.ReviewViews.Rate;
import io.gridloop.shared.security.Caller;
import io.quarkus.runtime.Startup;

/**
 * 红黑榜 with 星级评定: the metrics board of a region and period (so resolved, on-time and satisfaction
 * are metrics' own, as are the order, the tie-breaks and the minimum), each entry joined with the
 * leaders' comments and peer reviews made in the same period, and each member's stars by {@link StarRule}.
 */
@ApplicationScoped
@Startup
class RankingBoard {

    private final Boards boards;
    private final MemberReviews reviews;
    private final Caller caller;
    private final StarRule stars;

    RankingBoard(Boards boards, MemberReviews reviews, Caller caller, ReviewConfig config) {
        this.boards = boards;
        this.reviews = reviews;
        this.caller = caller;
        this.stars = StarRule.of(config.stars());
    }

    @Transactional
    Board board(long regionId, String from, String to, boolean byMember) {
        Boards.Board board = boards.rankings(regionId, from, to, byMember);
        List<Long> ids = Stream.of(board.top(), board.bottom(), board.belowMinimum()).flatMap(List::stream)
                .map(Boards.Standing::id).distinct().toList();
        long district = caller.districtId();
        Map<Long, Average> comments = reviews.averages(district, byMember ? Subject.HANDLER : Subject.GRID, ids, board.start(),
                board.end());
        Map<Long, Average> peers = byMember ? reviews.averages(district, Subject.REVIEWEE, ids, board.start(), board.end()) : null;
        Function<List<Boards.Standing>, List<Entry>> entries = standings -> standings.stream()
                .map(s -> entry(s, comments.getOrDefault(s.id(), Average.NONE),
                        peers == null ? null : peers.getOrDefault(s.id(), Average.NONE)))
                .toList();
        return new Board(board.regionId(), board.from(), board.to(), byMember ? "member" : "grid", board.minimum(), board.ranked(),
                board.unranked(), entries.apply(board.top()), entries.apply(board.bottom()), entries.apply(board.belowMinimum()));
    }

    /** A grid has no peer reviews and no stars (peer: null). */
    private Entry entry(Boards.Standing s, Average comments, Average peers) {
        Integer starred = peers == null ? null
                : stars.stars(new StarRule.Figures(s.resolved(), s.onTimeRate().value(), s.satisfactionRate().value(),
                        comments.value(), peers.value()));
        return new Entry(s.rank(), s.id(), s.name(), s.resolved(), rate(s.onTimeRate()), rate(s.satisfactionRate()),
                s.averageResolutionHours(), comments.count(), comments.value(), peers == null ? null : peers.count(),
                peers == null ? null : peers.value(), starred);
    }

    private static Rate rate(Boards.Ratio ratio) {
        return new Rate(ratio.numerator(), ratio.denominator(), ratio.value());
    }
}
