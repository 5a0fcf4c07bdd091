package io.gridloop.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What an {@code EXPLAIN (FORMAT JSON)} plan reads: "Index Scan using x" or "Seq Scan on t", every node; and how many rows of a table. */
public final class Plans {

    private Plans() {
    }

    public static List<String> scans(JsonNode explained) {
        List<String> scans = new ArrayList<>();
        collect(explained.get(0).get("Plan"), scans);
        return scans;
    }

    /**
     * Rows the scans of this table read over all their loops, in an {@code EXPLAIN (ANALYZE, FORMAT JSON)} plan:
     * those they returned and those their filter removed (a scan of the wrong index returns few and reads many).
     */
    public static long rowsRead(JsonNode explained, String table) {
        return rowsRead(explained.get(0).get("Plan"), table, 0);
    }

    private static long rowsRead(JsonNode node, String table, long read) {
        if (table.equals(node.path("Relation Name").asText()) && node.path("Node Type").asText().contains("Scan")) {
            // both are averages over the loops
            double rows = node.path("Actual Rows").asDouble() + node.path("Rows Removed by Filter").asDouble();
            read += Math.round(rows * Math.max(1, node.path("Actual Loops").asLong()));
        }
        for (JsonNode child : node.path("Plans")) {
            read = rowsRead(child, table, read);
        }
        return read;
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
