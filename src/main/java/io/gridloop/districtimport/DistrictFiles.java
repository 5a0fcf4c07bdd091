package io.gridloop.districtimport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.OptionalLong;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.web.LargeBodies;

/**
 * Reads import files: YAML (as in seeds/) in a request body of type {@code application/yaml}, or from
 * the class path for the demo. A JSON body is read by the REST layer's own strict reader. Strict as
 * JSON bodies are: no unknown field, no key twice; aliases and nesting are bounded by the YAML
 * parser's defaults, and the whole file by {@code gridloop.district-import.max-size}.
 */
@Provider
@Singleton
@Consumes(DistrictFiles.YAML)
public class DistrictFiles implements MessageBodyReader<DistrictFile>, LargeBodies {

    static final String YAML = "application/yaml";
    static final String PATH = "/api/v1/district/import";

    private final long maxSize;
    private final ObjectMapper yaml;

    DistrictFiles(ImportConfig config) {
        this.maxSize = config.maxSize().asLongValue();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxSize));
        this.yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A file, as the import endpoint reads a YAML body. */
    public DistrictFile read(InputStream in) throws IOException {
        try {
            return yaml.readValue(in, DistrictFile.class);
        } catch (JsonMappingException e) {
            // a syntax error inside a section reaches here wrapped in that section's path; say where it is instead
            if (e.getCause() instanceof JsonParseException syntax) {
                throw syntaxError(syntax);
            }
            throw e;
        } catch (JsonParseException syntax) {
            throw syntaxError(syntax);
        }
    }

    private static ProblemException syntaxError(JsonParseException syntax) {
        JsonLocation at = syntax.getLocation();
        return new ProblemException(ProblemType.MALFORMED_BODY, "import.syntax.detail", at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr());
    }

    @Override
    public OptionalLong limit(String path) {
        return PATH.equals(path) ? OptionalLong.of(maxSize) : OptionalLong.empty();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == DistrictFile.class;
    }

    @Override
    public DistrictFile readFrom(Class<DistrictFile> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(entityStream);
    }
}
