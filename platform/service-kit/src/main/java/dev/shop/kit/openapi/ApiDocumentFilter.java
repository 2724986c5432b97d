package dev.shop.kit.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Applies the platform's {@link ApiConventions} to every service's API document. Runs once, when the application is
 * built: the document a service serves is fixed at build time, so this costs nothing at start.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ApiConventions.apply(openAPI);
    }
}
