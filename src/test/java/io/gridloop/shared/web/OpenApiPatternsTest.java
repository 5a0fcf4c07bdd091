package io.gridloop.shared.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every {@code pattern} of openapi/openapi.yaml is ECMA-262, the dialect of OpenAPI, of JavaScript
 * validators and of generated clients, and means there what the service's Java check means: it is
 * compiled by a JavaScript engine (Rhino), holds none of the Java-only constructs a JavaScript engine
 * would read as something else without an error, and answers like the Java check for text that probes
 * the edges (control characters, white space of every kind, Chinese, line ends).
 */
class OpenApiPatternsTest {

    /** What java.util.regex knows and ECMA-262 (without the u flag) reads otherwise or not at all. */
    private static final Pattern JAVA_ONLY = Pattern.compile(
            "\\\\[pPAZzGhHRXQEe]|\\(\\?[a-zA-Z-]+[):]|\\(\\?[<>](?![=!])|\\(\\?<[=!]|[*+?}]\\+|&&");

    private static final List<String> PROBES = List.of("", "a", "abc", "AB_12", "ab-c.d_e", "x y", "路灯", "路灯坏了，请修理",
            "me", "true", "false", "13812345678", "138****5678", "+86 138 1234 5678", "GL-2026-000123", " ", "  a ",
            "\t", "\n", "\r", "a\nb", "abc\n", "a\r\nb", "a\tb", "\u0000", "a\u0001b", "\u000B", "\f", "\u001C", "\u001F",
            "\u007F", "\u0080", "\u0085", "\u009F", "\u00A0", "\u1680", "\u2007", "\u2028", "\u202F", "\u205F", "\u3000",
            "\uFEFF", "😀", "ＡＢＣ", "é", "a".repeat(70));

    private static Context javascript;
    private static Function test;

    @BeforeAll
    static void startJavaScript() {
        javascript = Context.enter();
        Scriptable scope = javascript.initSafeStandardObjects();
        test = (Function) javascript.evaluateString(scope, "(function (p, s) { return new RegExp(p).test(s); })",
                "patterns", 1, null);
    }

    @AfterAll
    static void stopJavaScript() {
        Context.exit();
    }

    static Set<String> patterns() throws IOException {
        Set<String> patterns = new TreeSet<>();
        collect(new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile()), patterns);
        assertFalse(patterns.isEmpty(), "the document has patterns");
        return patterns;
    }

    private static void collect(JsonNode node, Set<String> patterns) {
        if (node.path("pattern").isTextual()) {
            patterns.add(node.get("pattern").asText());
        }
        node.forEach(child -> collect(child, patterns));
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void is_ecma_262_and_means_what_the_java_check_means(String pattern) {
        assertFalse(JAVA_ONLY.matcher(pattern).find(), pattern + " uses syntax that only Java reads so");
        for (String probe : PROBES) {
            boolean ecma;
            try {
                ecma = (Boolean) test.call(javascript, test.getParentScope(), test.getParentScope(), new Object[] { pattern, probe });
            } catch (RhinoException e) {
                fail(pattern + " is not ECMA-262: " + e.getMessage());
                return;
            }
            assertEquals(java(pattern, probe), ecma, () -> pattern + " on " + escaped(probe));
        }
    }

    /** The service's check: @Pattern matches the whole value; @NotBlank (SafeText.NOT_BLANK in the document) is String.isBlank. */
    private static boolean java(String pattern, String value) {
        return pattern.equals(SafeText.NOT_BLANK) ? !value.isBlank() : Pattern.compile(pattern).matcher(value).matches();
    }

    private static String escaped(String probe) {
        StringBuilder text = new StringBuilder("\"");
        probe.chars().forEach(c -> text.append(c < 0x20 || c >= 0x7F ? "\\u%04X".formatted(c) : String.valueOf((char) c)));
        return text.append('"').toString();
    }
}
