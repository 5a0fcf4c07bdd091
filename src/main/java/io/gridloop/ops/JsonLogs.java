package io.gridloop.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * One JSON object per log line when gridloop.log.json=true (for log shippers); the readable
 * pattern otherwise. Quarkus's own JSON logging extension is not in the registry this project
 * builds from, so the console handler gets this formatter at start.
 */
@Singleton
class JsonLogs {

    private final boolean enabled;

    JsonLogs(OpsConfig config) {
        this.enabled = config.json();
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            for (Handler handler : LogManager.getLogManager().getLogger("").getHandlers()) {
                install(handler, new JsonFormatter());
            }
        }
    }

    private static void install(Handler handler, Formatter formatter) {
        if (handler instanceof ExtHandler composite && composite.getHandlers().length > 0) {
            for (Handler child : composite.getHandlers()) {
                install(child, formatter);
            }
        } else if (handler.getClass().getSimpleName().contains("Console")) {
            handler.setFormatter(formatter);
        }
    }

    static final class JsonFormatter extends Formatter {

        private final ObjectMapper json = new ObjectMapper();

        @Override
        public String format(LogRecord record) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            line.put("level", record.getLevel().getName());
            line.put("logger", record.getLoggerName());
            if (record instanceof ExtLogRecord ext) {
                line.put("message", ext.getFormattedMessage());
                line.put("thread", ext.getThreadName());
                Object requestId = ext.getMdc("requestId");
                if (requestId != null) {
                    line.put("requestId", requestId);
                }
            } else {
                line.put("message", formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.put("exception", trace.toString());
            }
            try {
                return json.writeValueAsString(line) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                return "{\"level\":\"ERROR\",\"message\":\"unloggable record\"}" + System.lineSeparator();
            }
        }
    }
}
