/**
 * Evaluation of handlers (SPEC §1.8) and the board that shows it (SPEC §1.9 一榜): leaders' comments
 * on a handler's work on a closed ticket (领导点评, which move the handler's points through
 * {@code points.Points}), party members' reviews of each other once per period (党员互评), and the
 * ranking board with its star rating (红黑榜, 星级评定), built on the figures of {@code metrics.Boards}.
 * {@link io.gridloop.review.MemberReviews} answers a member's summary for the member card.
 */
@OwnsTables({ "leader_comment", "peer_review" })
package io.gridloop.review;

import io.gridloop.shared.OwnsTables;
