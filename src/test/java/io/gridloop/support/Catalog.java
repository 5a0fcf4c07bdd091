package io.gridloop.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Category bodies for POST and PUT /api/v1/categories. */
public final class Catalog {

    private Catalog() {
    }

    /** A code no other test uses that fits ^[A-Z0-9_]{2,40}$. */
    public static String uniqueCode(String prefix) {
        return Api.unique(prefix + "_").toUpperCase(Locale.ROOT);
    }

    /** A complete, valid category; change any field before sending. */
    public static Map<String, Object> category(String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("nameZh", "测试分类");
        body.put("nameEn", "Test category");
        body.put("group", "测试");
        body.put("defaultMatterClass", "MINOR");
        body.put("responseLimit", new LinkedHashMap<>(Map.of("value", 4, "unit", "HOURS")));
        body.put("resolutionLimit", new LinkedHashMap<>(Map.of("value", 3, "unit", "WORKING_DAYS")));
        body.put("verificationRequired", false);
        return body;
    }
}
