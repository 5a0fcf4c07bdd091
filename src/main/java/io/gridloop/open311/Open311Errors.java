package io.gridloop.open311;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.web.ErrorDialect;

/**
 * GeoReport v2's errors: every refusal on /open311/ is a list of {@code {code, description}} (XML
 * {@code <errors><error>}) in the format the path names, never a problem+json. Whatever refuses
 * (this feature, the ticket filing it calls, the REST layer, the HTTP edge) raises the problem it always
 * does; this writes it in Open311's shape: the status as code (a 422, which Open311 does not know, is
 * its 400), the detail or the field violations as description. A singleton, not behind a client proxy: the REST
 * layer calls its filter on every response.
 */
@Singleton
class Open311Errors implements ErrorDialect {

    static final String PREFIX = "/open311/";

    private final ObjectMapper json;

    Open311Errors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Optional<Answer> answer(String path, Problem problem) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int status = status(problem.status());
        List<Open311Views.Error> errors = List.of(new Open311Views.Error(status, description(problem)));
        Open311Format format = Open311Format.ofPath(path);
        String body = format == Open311Format.XML ? Open311Format.xml("errors", json.valueToTree(errors)) : write(errors);
        return Optional.of(new Answer(status, format.mediaType, body));
    }

    /** The REST layer's problems on Open311 paths, rewritten in Open311's shape. */
    @ServerResponseFilter
    void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            answer(request.getUriInfo().getPath(), problem).ifPresent(answer -> {
                response.setStatus(answer.status());
                response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, answer.contentType());
                response.setEntity(answer.body());
            });
        }
    }

    private static int status(int status) {
        return status == 422 ? 400 : status;
    }

    private static String description(Problem problem) {
        if (problem.violations() == null || problem.violations().isEmpty()) {
            return problem.detail();
        }
        return problem.violations().stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
