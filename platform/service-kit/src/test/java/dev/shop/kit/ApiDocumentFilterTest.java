package dev.shop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.testkit.ApiDocument;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The kit's document filter, seen on the document the kit's test application serves. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ApiDocumentFilterTest {

    private final ApiDocument document = ApiDocument.fetch();

    private JsonNode operation(String method, String path) {
        JsonNode op = document.root().path("paths").path(path).path(method);
        assertThat(op.isObject()).as(method + " " + path).isTrue();
        return op;
    }

    @Test
    void operationIdsComeFromMethodAndPathAndAreUnique() {
        assertThat(operation("post", "/kit-test/widgets").path("operationId").asText()).isEqualTo("postKitTestWidgets");
        assertThat(operation("get", "/kit-test/widgets/{id}").path("operationId").asText())
                .isEqualTo("getKitTestWidget");
        assertThat(operation("get", "/internal/dead-letters/{channel}").path("operationId").asText())
                .isEqualTo("getInternalDeadLetter");
        List<String> ids = new ArrayList<>();
        document.operations().forEach(o -> ids.add(o.node().path("operationId").asText()));
        assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
        assertThat(document.followsConventions()).isTrue();
    }

    @Test
    void everyOperationHasASummaryAndATagButNoClassName() {
        for (ApiDocument.Operation op : document.operations()) {
            assertThat(op.node().path("summary").asText()).as(op.key()).isNotBlank();
            assertThat(op.node().path("tags").toString()).as(op.key()).doesNotContain("Resource");
        }
        assertThat(operation("get", "/kit-test/page").path("tags").get(0).asText()).isEqualTo("KitTest");
        assertThat(document.root().path("tags").toString()).contains("KitTest");
    }

    @Test
    void errorAnswersAreProblemsAndTheUsualOnesAreListed() {
        JsonNode create = operation("post", "/kit-test/widgets").path("responses");
        assertThat(create.fieldNames()).toIterable().contains("400", "413", "415");
        JsonNode byId = operation("get", "/kit-test/widgets/{id}").path("responses");
        assertThat(byId.has("404")).isTrue();
        JsonNode secured = operation("get", "/kit-test/me").path("responses");
        assertThat(secured.has("401")).isTrue();
        assertThat(secured.has("403")).isTrue();
        assertThat(secured.path("401").path("content").path("application/problem+json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(operation("get", "/kit-test/limited").path("responses").path("429").path("headers")
                .has("Retry-After")).isTrue();
        assertThat(byId.path("429").path("headers").has("Retry-After")).as("every operation can be rate limited")
                .isTrue();
        assertThat(byId.has("500")).isTrue();
        assertThat(create.path("201").path("headers").fieldNames()).toIterable()
                .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
                        "Access-Control-Allow-Origin");
        JsonNode problem = document.root().path("components").path("schemas").path("Problem");
        assertThat(problem.path("required").toString()).contains("type", "title", "status");
        assertThat(problem.path("properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance", "traceId", "violations");
    }

    @Test
    void pagingParametersAreBoundedIntegers() {
        JsonNode size = null;
        for (JsonNode p : operation("get", "/kit-test/page").path("parameters")) {
            if (p.path("name").asText().equals("size")) {
                size = p.path("schema");
            }
        }
        assertThat(size).isNotNull();
        assertThat(size.path("type").asText()).isEqualTo("integer");
        assertThat(size.path("minimum").asInt()).isEqualTo(1);
        assertThat(size.path("maximum").asInt()).isEqualTo(100);
        assertThat(size.path("default").asInt()).isEqualTo(20);
    }

    @Test
    void stringsArraysAndIntegersCarryALimit() {
        JsonNode widget = document.resolve(operation("post", "/kit-test/widgets").path("requestBody").path("content")
                .path("application/json").path("schema"));
        assertThat(widget.path("properties").path("name").path("maxLength").asInt()).as("from @Size").isEqualTo(20);
        assertThat(widget.path("properties").path("tags").path("maxItems").isInt()).isTrue();
        assertThat(widget.path("properties").path("tags").path("items").path("maxLength").isInt()).isTrue();
        assertThat(widget.path("properties").path("quantity").path("maximum").asInt()).as("from @Max")
                .isEqualTo(99);
        assertThat(document.root().path("servers").get(0).path("url").asText()).isEqualTo("http://localhost:8080");
    }
}
