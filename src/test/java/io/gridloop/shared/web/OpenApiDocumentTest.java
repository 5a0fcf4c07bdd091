package io.gridloop.shared.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed openapi/openapi.yaml is what clients are written against: it must be exactly what
 * the service serves. When this fails, the served document is in target/openapi-served.yaml; review
 * it and copy it over openapi/openapi.yaml.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void the_committed_document_is_the_served_document() throws Exception {
        String served = given().accept("application/yaml").queryParam("format", "yaml")
                .get("/q/openapi").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target/openapi-served.yaml"), served, StandardCharsets.UTF_8);
        String committed = Files.readString(Path.of("openapi/openapi.yaml"), StandardCharsets.UTF_8);
        assertEquals(committed, served, "openapi/openapi.yaml differs from /q/openapi: see target/openapi-served.yaml");
    }
}
