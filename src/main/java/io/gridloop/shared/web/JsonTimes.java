package io.gridloop.shared.web;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One time format on the wire (SPEC §2): UTC with exactly six fraction digits,
 * {@code 2026-11-02T01:00:00.000000Z}, which is also what PostgreSQL keeps of a timestamptz. A time
 * computed in the district's zone (a deadline) is written the same way as one read back from the
 * database, so a client comparing them as text sees equal values.
 */
@Singleton
public class JsonTimes implements ObjectMapperCustomizer {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX");

    /** Runs after the customizers that register Jackson's own time module, whose serializer this one replaces. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("gridloop-times").addSerializer(OffsetDateTime.class,
                new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                }));
    }

    /** Rounded to the microsecond, half up, as the JDBC driver rounds it when the time is stored. */
    public static String format(OffsetDateTime time) {
        return FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC).plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }
}
