package dev.shop.kit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ApiConventionsTest {

    @Test
    void aConditionalGetDocumentsItsEtagAnd304AndLosesTheMarker() {
        Operation get = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK")));
        get.addExtension(ApiConventions.CONDITIONAL_GET, "true");
        Operation plain = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK")));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/brands/{code}", OASFactory.createPathItem().GET(get))
                .addPathItem("/api/v1/me", OASFactory.createPathItem().GET(plain)));

        ApiConventions.apply(api);

        assertThat(get.getExtensions()).doesNotContainKey(ApiConventions.CONDITIONAL_GET);
        assertThat(get.getParameters()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("If-None-Match"));
        APIResponse notModified = get.getResponses().getAPIResponse("304");
        assertThat(notModified).isNotNull();
        assertThat(notModified.getHeaders()).containsKey("ETag");
        assertThat(get.getResponses().getAPIResponse("200").getHeaders()).containsKeys("ETag", "Cache-Control",
                "RateLimit-Limit", "RateLimit-Reset");
        assertThat(get.getOperationId()).isEqualTo("getBrand");
        assertThat(get.getResponses().getAPIResponses()).containsKeys("400", "404", "429", "500");

        PathItem me = api.getPaths().getPathItem("/api/v1/me");
        assertThat(me.getGET().getResponses().getAPIResponses()).doesNotContainKey("304");
        assertThat(me.getGET().getParameters()).isNullOrEmpty();
    }
}
