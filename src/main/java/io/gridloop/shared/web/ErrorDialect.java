package io.gridloop.shared.web;

import java.util.Optional;

import io.gridloop.shared.problem.Problem;

/**
 * A feature whose paths answer errors in a shape of their own instead of problem+json (Open311's error
 * list, SPEC §2) says so here, and {@code HttpEdge} answers the refusals it makes itself on those paths
 * (a path nothing serves, a control character in the URI, a body over the limit) in that shape too.
 */
public interface ErrorDialect {

    /** The error as this feature writes it, when the path is one of its own. */
    Optional<Answer> answer(String path, Problem problem);

    record Answer(int status, String contentType, String body) {
    }
}
