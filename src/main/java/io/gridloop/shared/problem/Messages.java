package io.gridloop.shared.problem;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Human-readable text in zh-CN (the default) or English, chosen by the Accept-Language header. */
public final class Messages {

    private static final ResourceBundle CHINESE = ResourceBundle.getBundle("messages", Locale.ROOT);
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("messages", Locale.ENGLISH);

    private Messages() {
    }

    /** The client's language: English when it prefers English over Chinese, else Chinese. */
    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = range.getRange();
                if (language.startsWith("en")) {
                    return Locale.ENGLISH;
                }
                if (language.startsWith("zh") || language.equals("*")) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
            }
        } catch (IllegalArgumentException malformedHeader) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    /** The text for a key; a key with no text is returned as it is, so a message is never lost. */
    public static String text(Locale locale, String key, Object... arguments) {
        ResourceBundle bundle = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : CHINESE;
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
