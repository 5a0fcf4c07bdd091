package io.gridloop.shared.web;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One time format on the wire (SPEC §2): RFC 3339 in, and out UTC with exactly six fraction digits,
 * {@code 2026-11-02T01:00:00.000000Z}, which is also what PostgreSQL keeps of a timestamptz. A time
 * computed in the district's zone (a deadline) is written the same way as one read back from the
 * database, so a client comparing them as text sees equal values.
 */
@Singleton
public class JsonTimes implements ObjectMapperCustomizer {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX");
    /**
     * What a client may send: an RFC 3339 date-time (the document's {@code format: date-time}), seconds
     * included, with Z or an offset. Jackson alone also takes {@code 2026-11-05T18:00+08:00}, which is
     * what Java's OffsetDateTime.toString() writes and what a JavaScript or generated client would refuse.
     */
    private static final Pattern RFC_3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    /** Runs after the customizers that register Jackson's own time module, whose serializer this one replaces. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("gridloop-times").addDeserializer(OffsetDateTime.class,
                new StdScalarDeserializer<OffsetDateTime>(OffsetDateTime.class) {
                    @Override
                    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                            return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
                        }
                        String text = parser.getText();
                        if (!RFC_3339.matcher(text).matches()) {
                            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                                    "not an RFC 3339 date-time");
                        }
                        try {
                            return OffsetDateTime.parse(text);
                        } catch (DateTimeParseException e) {
                            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text, e.getMessage());
                        }
                    }
                }).addSerializer(OffsetDateTime.class,
                new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                }));
    }

    /**
     * Rounded to the microsecond, half up, as the JDBC driver rounds it when the time is stored. Written by hand: every
     * answer holds a few times, and {@link #FORMAT} took about 1 % of the service's CPU per request (docs/benchmarks.md,
     * 2026-12-06 07:23). A year {@link #FORMAT} writes otherwise than with four digits goes to it.
     */
    public static String format(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC).plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return FORMAT.format(utc);
        }
        char[] text = new char[27];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, utc.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text);
    }

    /** The value's last {@code width} decimal digits at {@code at}, zeros in front. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
