package io.gridloop.open311;

import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two formats GeoReport v2 serves, chosen by the path's suffix ({@code requests.json}, {@code
 * requests.xml}). XML is the JSON answer written with the specification's element names: a list is its
 * plural element holding one singular element per item ({@code <services><service>}), a null an empty
 * element.
 */
enum Open311Format {
    JSON("application/json"),
    XML("text/xml");

    /** The element of each item of a list, by the list's element. */
    private static final Map<String, String> ITEMS = Map.of("services", "service", "service_requests", "request",
            "attributes", "attribute", "values", "value", "endpoints", "endpoint", "formats", "format", "errors", "error");
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

    final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The format a path asks for: XML for {@code .xml}, JSON otherwise (and for errors on paths that name none). */
    static Open311Format ofPath(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    static Open311Format of(String suffix) {
        return "xml".equals(suffix) ? XML : JSON;
    }

    /** The answer as XML under its root element: a list's root holds its items, an object's its fields. */
    static String xml(String root, JsonNode answer) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, answer);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("XML writer failed on a string", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, JsonNode value) throws XMLStreamException {
        if (value == null || value.isNull()) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value.isArray()) {
            String item = ITEMS.get(name);
            if (item == null) {
                throw new IllegalArgumentException("no item element for " + name);
            }
            for (JsonNode each : value) {
                element(xml, item, each);
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                element(xml, field.getKey(), field.getValue());
            }
        } else {
            xml.writeCharacters(value.asText());
        }
        xml.writeEndElement();
    }
}
