package io.syncplane.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at /v3/api-docs: springdoc derives operations and bodies from the controllers; this adds what
 * it cannot see — the API key scheme, and the problem+json errors every /v1 operation can answer.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String SCHEME = "apiKey";

    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Bad request: malformed JSON, unknown or wrongly typed field, a parameter out of range",
            "401", "Missing, unknown or revoked API key",
            "403", "The key's scope does not allow this (operator-only endpoint)",
            "404", "No such resource, or not visible to this key",
            "413", "Request body over the size limit",
            "503", "Postgres or Redis unavailable; retry");

    @Bean
    OpenAPI syncplaneOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Syncplane API").version("v1")
                        .description("Link Google accounts, trigger syncs, read sync state and the change feed."))
                .components(new Components()
                        .addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key: the bootstrap key or one from POST /v1/api-keys"))
                        .addSchemas("Problem", new Schema<>().type("object")
                                .addProperty("type", new Schema<>().type("string").format("uri"))
                                .addProperty("title", new Schema<>().type("string"))
                                .addProperty("status", new Schema<>().type("integer"))
                                .addProperty("detail", new Schema<>().type("string"))
                                .addProperty("parameter", new Schema<>().type("string")
                                        .description("the field or parameter at fault, where there is one"))))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }

    @Bean
    GlobalOpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (!path.startsWith("/v1/")) {
                return;
            }
            COMMON_ERRORS.forEach((status, description) -> {
                if (!operation.getResponses().containsKey(status)) {
                    operation.getResponses().addApiResponse(status, problem(description));
                }
            });
        }));
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
