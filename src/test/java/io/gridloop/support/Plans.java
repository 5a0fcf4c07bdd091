package io.gridloop.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What an {@code EXPLAIN (FORMAT JSON)} plan reads: "Index Scan using x" or "Seq Scan on t", every node. */
public final class Plans {

    private Plans() {
    }

    public static List<String> scans(JsonNode explained) {
        List<String> scans = new ArrayList<>();
        collect(explained.get(0).get("Plan"), scans);
        return scans;
    }

    private static void collect(JsonNode node, List<String> scans) {
        String type = node.path("Node Type").asText();
        if (node.has("Index Name")) {
            scans.add("Index " + type + " using " + node.get("Index Name").asText());
        } else if (node.has("Relation Name")) {
            scans.add(type + " on " + node.get("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scans);
        }
    }
}
