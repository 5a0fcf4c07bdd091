package io.gridloop.shared.web;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/** Optimistic concurrency over HTTP: an ETag from the version, and If-Match required on updates. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** 428 without If-Match, 412 when it names another version than the current one. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "precondition-required.detail");
        }
        String current = etag(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current) || tag.equals("*")) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, "precondition-failed.detail", current);
    }
}
