package io.gridloop.shared.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each API path serves, for the {@code Allow} header of a 405 (RFC 9110 §15.5.6) and of an
 * OPTIONS answer, which the REST layer does not set or sets per resource class. Read once from the
 * resource classes' JAX-RS annotations.
 */
@Singleton
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w+\\s*(?::\\s*([^}]+))?}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod != null) {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(new Route(template(root.value() + "/" + (sub == null ? "" : sub.value())), httpMethod));
                }
            }
        }
    }

    /** The methods that serve a path, HEAD and OPTIONS included; none for a path nothing serves. */
    public Set<String> of(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return methods;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/api/v1/tickets//{id}/claim" → ^/api/v1/tickets/[^/]+/claim$ (a trailing slash is optional). */
    private static Pattern template(String path) {
        String normalized = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(normalized);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(normalized.substring(last, parameter.start())))
                    .append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).trim()).append(')');
            last = parameter.end();
        }
        regex.append(Pattern.quote(normalized.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
