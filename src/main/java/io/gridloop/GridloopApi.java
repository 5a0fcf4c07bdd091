package io.gridloop;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Components;

import io.gridloop.shared.problem.Problem;

/** The API as a whole: its description and how clients authenticate. */
@OpenAPIDefinition(
        info = @Info(title = "gridloop API", version = "1.0.0"),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "An access token from POST /api/v1/auth/login or /api/v1/auth/wechat"),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "A key made by the district admin for another system")
})
public class GridloopApi extends Application {
}
