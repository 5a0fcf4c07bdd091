package io.gridloop.support;

import java.util.List;

import org.hibernate.SessionEventListener;

/**
 * Which requests opened a Hibernate session: the test profile has Hibernate make one of these for every session it
 * opens ({@code hibernate.session.events.auto}), and it notes the HTTP request under way ({@link RequestsNoted}).
 */
public class SessionsOpened implements SessionEventListener {

    private static final RequestsNoted REQUESTS = new RequestsNoted();

    public SessionsOpened() {
        REQUESTS.noteCurrent();
    }

    /** Forgets the requests noted so far. */
    public static void clear() {
        REQUESTS.clear();
    }

    /** The requests that opened a session since {@link #clear()}, one entry per session. */
    public static List<String> requests() {
        return REQUESTS.requests();
    }
}
