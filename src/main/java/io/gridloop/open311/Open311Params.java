package io.gridloop.open311;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.web.SafeText;

/**
 * The parameters of one Open311 request, query and form body together, read strictly: at most
 * {@link #MAX_PARAMETERS}, each name once (a list attribute, {@code attribute[code][]}, excepted), no
 * control character in any value (line breaks allowed in {@code description} only), each value within its
 * length. Names the specification has and gridloop does not use (zipcode, account_id) are ignored, as
 * clients send them.
 */
final class Open311Params {

    static final int MAX_PARAMETERS = 60;
    private static final int MAX_NAME = 100;
    private static final int MAX_VALUE = 4000;

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Open311Params() {
    }

    static Open311Params of(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {
        Open311Params params = new Open311Params();
        params.add(query);
        if (form != null) {
            params.add(form);
        }
        return params;
    }

    private void add(MultivaluedMap<String, String> given) {
        for (Map.Entry<String, List<String>> entry : given.entrySet()) {
            String name = entry.getKey();
            if (name.length() > MAX_NAME || !SafeText.isSafeValue(name)) {
                throw invalid(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : "?", "open311.text-invalid");
            }
            List<String> list = values.computeIfAbsent(name, n -> new java.util.ArrayList<>());
            list.addAll(entry.getValue());
            if (list.size() > 1 && !name.endsWith("[]")) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "open311.parameter-repeated", name);
            }
            if (values.size() > MAX_PARAMETERS || list.size() > MAX_PARAMETERS) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "open311.too-many-parameters", MAX_PARAMETERS);
            }
            for (String value : entry.getValue()) {
                if (value.length() > MAX_VALUE || !SafeText.isSafeText(value)
                        || (!name.equals("description") && !SafeText.isSafeValue(value))) {
                    throw invalid(name, "open311.text-invalid");
                }
            }
        }
    }

    Map<String, List<String>> all() {
        return values;
    }

    /** The value, stripped; empty when absent or blank. */
    Optional<String> text(String name, int maxLength) {
        List<String> given = values.get(name);
        if (given == null || given.get(0).isBlank()) {
            return Optional.empty();
        }
        String value = given.get(0).strip();
        if (value.length() > maxLength) {
            throw invalid(name, "open311.text-invalid");
        }
        return Optional.of(value);
    }

    String required(String name, int maxLength) {
        return text(name, maxLength)
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_REQUEST, "open311.parameter-required", name));
    }

    Optional<Double> number(String name, double min, double max) {
        return text(name, 40).map(text -> {
            try {
                double value = new BigDecimal(text).doubleValue();
                if (value < min || value > max) {
                    throw invalid(name, "open311.number-invalid");
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(name, "open311.number-invalid");
            }
        });
    }

    Optional<OffsetDateTime> time(String name) {
        return text(name, 40).map(text -> {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(name, "open311.date-invalid");
            }
        });
    }

    static ProblemException invalid(String name, String reasonKey) {
        return ProblemException.invalidField(name, reasonKey);
    }
}
