package io.gridloop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridloop.review.StarRule.Figures;

/** 星级评定 as a rule on figures, without the service: the defaults of gridloop.reviews.stars and edge cases. */
class StarRuleTest {

    /** The defaults of ReviewConfig.Stars. */
    private static final StarRule DEFAULTS = new StarRule(List.of(1, 3, 5, 10), List.of(0.0, 0.8, 0.9, 0.95),
            List.of(0.0, 0.8, 0.9, 0.95), List.of(0.0, 0.0, 4.0, 4.5), List.of(0.0, 0.0, 0.0, 4.0));

    @Test
    void a_member_who_resolved_nothing_has_one_star() {
        assertEquals(1, DEFAULTS.stars(new Figures(0, null, null, null, null)));
    }

    @Test
    void one_resolution_earns_two_stars_whatever_the_rates() {
        assertEquals(2, DEFAULTS.stars(new Figures(1, 0.0, 0.0, 1.0, 1.0)));
    }

    @Test
    void three_stars_need_both_rates_at_their_minimum_and_a_missing_rate_meets_none() {
        assertEquals(3, DEFAULTS.stars(new Figures(3, 0.8, 0.8, null, null)));
        assertEquals(2, DEFAULTS.stars(new Figures(3, 0.79, 0.9, null, null)));
        assertEquals(2, DEFAULTS.stars(new Figures(3, 0.9, null, null, null)));
    }

    @Test
    void four_stars_need_leaders_comments_averaging_four() {
        assertEquals(4, DEFAULTS.stars(new Figures(5, 0.9, 0.9, 4.0, null)));
        assertEquals(3, DEFAULTS.stars(new Figures(5, 0.9, 0.9, 3.99, null)));
        assertEquals(3, DEFAULTS.stars(new Figures(50, 1.0, 1.0, null, 5.0)));
    }

    @Test
    void five_stars_need_every_criterion_of_the_fifth_level() {
        assertEquals(5, DEFAULTS.stars(new Figures(10, 0.95, 0.95, 4.5, 4.0)));
        assertEquals(4, DEFAULTS.stars(new Figures(10, 0.95, 0.95, 4.5, 3.9)));
        assertEquals(4, DEFAULTS.stars(new Figures(9, 1.0, 1.0, 5.0, 5.0)));
    }

    @Test
    void the_highest_level_met_counts_even_when_a_lower_one_asks_more() {
        StarRule odd = new StarRule(List.of(0, 0, 0, 0), List.of(0.0, 0.0, 0.0, 0.0), List.of(0.0, 0.0, 0.0, 0.0),
                List.of(0.0, 4.0, 0.0, 0.0), List.of(0.0, 0.0, 0.0, 0.0));

        assertEquals(5, odd.stars(new Figures(0, null, null, 1.0, null)));
    }

    @Test
    void a_criterion_needs_one_minimum_per_star_from_two_to_five() {
        assertThrows(IllegalArgumentException.class, () -> new StarRule(List.of(1, 3, 5), List.of(0.0, 0.8, 0.9, 0.95),
                List.of(0.0, 0.8, 0.9, 0.95), List.of(0.0, 0.0, 4.0, 4.5), List.of(0.0, 0.0, 0.0, 4.0)));
    }
}
