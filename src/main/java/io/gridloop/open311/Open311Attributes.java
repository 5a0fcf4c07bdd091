package io.gridloop.open311;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridloop.catalog.Catalog;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/**
 * A category's extra fields as Open311 service attributes. The catalogue keeps them free-form (a list of
 * maps, SPEC §1.3); an entry written in GeoReport's shape ({@code code}, {@code datatype}, and optionally
 * {@code required}, {@code variable}, {@code description}, {@code datatype_description}, {@code order},
 * {@code values: [{key, name}]}) is a service attribute; any other entry is not shown. The demo
 * catalogue has none, so its services say {@code metadata: false} and their definitions list no attribute.
 */
final class Open311Attributes {

    private static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");
    private static final String PREFIX = "attribute[";

    private Open311Attributes() {
    }

    static List<Open311Views.Attribute> of(Catalog.Listed category) {
        List<Open311Views.Attribute> attributes = new ArrayList<>();
        for (Map<String, Object> entry : category.attributes()) {
            if (entry.get("code") instanceof String code && entry.get("datatype") instanceof String datatype
                    && DATATYPES.contains(datatype)) {
                List<Open311Views.Value> values = new ArrayList<>();
                if (entry.get("values") instanceof List<?> list) {
                    for (Object value : list) {
                        if (value instanceof Map<?, ?> map && map.get("key") instanceof String key && map.get("name") instanceof String name) {
                            values.add(new Open311Views.Value(key, name));
                        }
                    }
                }
                attributes.add(new Open311Views.Attribute(!Boolean.FALSE.equals(entry.get("variable")), code, datatype,
                        Boolean.TRUE.equals(entry.get("required")), text(entry.get("datatype_description")),
                        entry.get("order") instanceof Number order ? order.intValue() : null, text(entry.get("description")),
                        values));
            }
        }
        return attributes;
    }

    /**
     * The {@code attribute[code]} answers of a filing (a multivaluelist as {@code attribute[code][]}),
     * checked against the category's attributes: no unknown code, every required one given, list values
     * among the keys, numbers and times that parse.
     */
    static Map<String, Object> answers(Catalog.Listed category, Open311Params params) {
        Map<String, Open311Views.Attribute> known = new LinkedHashMap<>();
        of(category).forEach(a -> known.put(a.code(), a));
        Map<String, Object> answers = new LinkedHashMap<>();
        params.all().forEach((name, values) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            String inner = name.substring(PREFIX.length());
            String code = inner.endsWith("][]") ? inner.substring(0, inner.length() - 3)
                    : inner.endsWith("]") ? inner.substring(0, inner.length() - 1) : inner;
            Open311Views.Attribute attribute = known.get(code);
            if (!inner.endsWith("]") || attribute == null || !attribute.variable()) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "open311.attribute-unknown", category.code(), code);
            }
            List<String> given = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (given.isEmpty()) {
                return;
            }
            for (String value : given) {
                check(attribute, name, value);
            }
            answers.put(code, attribute.datatype().equals("multivaluelist") ? given : given.get(0));
        });
        for (Open311Views.Attribute attribute : known.values()) {
            if (attribute.required() && attribute.variable() && !answers.containsKey(attribute.code())) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "open311.attribute-required", attribute.code());
            }
        }
        return answers;
    }

    private static void check(Open311Views.Attribute attribute, String name, String value) {
        switch (attribute.datatype()) {
            case "number" -> {
                try {
                    new java.math.BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw Open311Params.invalid(name, "open311.number-invalid");
                }
            }
            case "datetime" -> {
                try {
                    OffsetDateTime.parse(value);
                } catch (DateTimeParseException e) {
                    throw Open311Params.invalid(name, "open311.date-invalid");
                }
            }
            case "singlevaluelist", "multivaluelist" -> {
                if (attribute.values().stream().noneMatch(v -> v.key().equals(value))) {
                    throw new ProblemException(ProblemType.BAD_REQUEST, "open311.attribute-value", attribute.code(), value);
                }
            }
            case "string" -> {
                if (value.length() > 1000) {
                    throw Open311Params.invalid(name, "open311.text-invalid");
                }
            }
            default -> {
            }
        }
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
