package io.gridloop.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

/**
 * What an Open311 client checks of an answer: the JSON against GeoReport v2's JSON Schemas (copied into
 * src/test/resources/open311-schemas, validated by a JSON Schema draft-4 validator), the XML parsed by
 * the JDK's DOM parser and read back, element by element, to the same values as the JSON answer.
 */
final class Open311Answers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.byDefault();

    private Open311Answers() {
    }

    /** The JSON answer, which must be valid against the schema file of that name. */
    static JsonNode valid(String schema, String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            ProcessingReport report = SCHEMAS.getJsonSchema("resource:/open311-schemas/" + schema).validate(answer, true);
            assertTrue(report.isSuccess(), () -> schema + " refuses " + body + ":\n" + report);
            return answer;
        } catch (IOException | ProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The XML document's root, parsed as any client's parser would (no DTDs, no external entities). */
    static Element xml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not XML: " + body, e);
        }
    }

    /**
     * The XML element says what the JSON value says: an object's fields are its child elements by name,
     * in order; a list's items its child elements, each named {@code item}; a value its text, a null an
     * empty element.
     */
    static void sameAs(JsonNode json, Element element, String item) {
        List<Element> children = children(element);
        if (json.isArray()) {
            assertEquals(json.size(), children.size(), () -> "items of <" + element.getTagName() + ">");
            for (int i = 0; i < json.size(); i++) {
                assertEquals(item, children.get(i).getTagName());
                sameAs(json.get(i), children.get(i), null);
            }
        } else if (json.isObject()) {
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            assertEquals(names, children.stream().map(Element::getTagName).toList(), () -> "fields of <" + element.getTagName() + ">");
            for (int i = 0; i < names.size(); i++) {
                JsonNode value = json.get(names.get(i));
                sameAs(value, children.get(i), itemOf(names.get(i)));
            }
        } else {
            assertTrue(children.isEmpty(), () -> "<" + element.getTagName() + "> holds elements");
            assertEquals(json.isNull() ? "" : json.asText(), element.getTextContent(), () -> "<" + element.getTagName() + ">");
        }
    }

    private static String itemOf(String list) {
        return switch (list) {
            case "attributes" -> "attribute";
            case "values" -> "value";
            case "endpoints" -> "endpoint";
            case "formats" -> "format";
            default -> null;
        };
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(child);
            }
        }
        return children;
    }
}
