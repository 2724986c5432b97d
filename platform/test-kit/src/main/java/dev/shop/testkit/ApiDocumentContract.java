package dev.shop.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a service's API document must say so that a client can be generated from it, checked on the document the
 * service serves. Extend it once per service in a {@code @QuarkusTest @WithTestResource(ShopTestResources.class)}
 * class. Most of it the service kit's document filter provides; the rest (summaries, typed bodies, real success codes)
 * is each resource's job. Which statuses an operation really answers is checked by {@link ObservedResponses}, from
 * what the service's tests see.
 */
public abstract class ApiDocumentContract {

    private ApiDocument document;

    @BeforeEach
    void readDocument() {
        document = ApiDocument.fetch();
    }

    /**
     * Operations whose bodies (request and answer) are not described as JSON types, as {@code "POST /api/v1/x"}; say
     * why in the override (an upload is multipart, a pass-through forwards bytes as they came and answers what the
     * service behind it answered).
     */
    protected Set<String> untypedBodies() {
        return Set.of();
    }

    @Test
    void everyOperationHasAUniqueIdASummaryAndATagThatIsNotAClassName() {
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ApiDocument.Operation op : operations()) {
            String id = op.node().path("operationId").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                wrong.add(op.key() + ": operationId '" + id + "' missing or not unique");
            }
            if (op.node().path("summary").asText("").isBlank()) {
                wrong.add(op.key() + ": no summary");
            }
            JsonNode tags = op.node().path("tags");
            if (tags.isEmpty()) {
                wrong.add(op.key() + ": no tag");
            }
            tags.forEach(t -> {
                if (t.asText().endsWith("Resource")) {
                    wrong.add(op.key() + ": tag '" + t.asText() + "' is a Java class name");
                }
            });
        }
        assertNone(wrong);
    }

    @Test
    void everyErrorAnswerIsDocumentedAsAProblem() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                if (!response.getKey().matches("[45].*")) {
                    continue;
                }
                JsonNode schema = response.getValue().path("content").path("application/problem+json").path("schema");
                if (!schema.path("$ref").asText("").endsWith("/Problem")) {
                    wrong.add(op.key() + " " + response.getKey() + ": not an application/problem+json Problem");
                }
            }
        }
        assertNone(wrong);
    }

    @Test
    void theErrorsEveryOperationCanGetAreDocumented() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation op : operations()) {
            List<String> expected = new ArrayList<>(List.of("400", "429", "500"));
            if (!op.node().path("security").isEmpty()) {
                expected.add("401");
                expected.add("403");
            }
            if (op.path().contains("{")) {
                expected.add("404");
            }
            if (op.method().equals("put") || op.method().equals("patch")) {
                expected.add("409");
            }
            if (op.node().has("requestBody")) {
                expected.add("415");
            }
            for (String code : expected) {
                if (!op.node().path("responses").has(code)) {
                    wrong.add(op.key() + ": " + code + " not documented");
                }
            }
            boolean success = false;
            for (Iterator<String> it = op.node().path("responses").fieldNames(); it.hasNext();) {
                success |= it.next().matches("[23]..");
            }
            if (!success) {
                wrong.add(op.key() + ": no success answer documented");
            }
        }
        assertNone(wrong);
    }

    /** The gateway's rate-limit headers are on every success and client-error answer, {@code Retry-After} on 429. */
    @Test
    void rateLimitHeadersAreDocumented() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode headers = response.getValue().path("headers");
                if (response.getKey().matches("[24].*")) {
                    for (String header : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
                        if (!headers.has(header)) {
                            wrong.add(op.key() + " " + response.getKey() + ": no " + header + " header");
                        }
                    }
                }
                if (response.getKey().equals("429") && !headers.has("Retry-After")) {
                    wrong.add(op.key() + " 429: no Retry-After header");
                }
            }
        }
        assertNone(wrong);
    }

    @Test
    void pagingParametersAreIntegers() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation op : operations()) {
            for (JsonNode parameter : op.node().path("parameters")) {
                String name = parameter.path("name").asText();
                if ((name.equals("page") || name.equals("size")) && parameter.path("in").asText().equals("query")
                        && !parameter.path("schema").path("type").asText().equals("integer")) {
                    wrong.add(op.key() + ": " + name + " is not an integer");
                }
            }
        }
        assertNone(wrong);
    }

    /**
     * Request and answer bodies have a schema a generator can turn into a type: no Jackson tree ({@code JsonNode}), no
     * bare {@code object} without properties, no JSON body described as a plain string.
     */
    @Test
    void bodiesAreTyped() {
        List<String> wrong = new ArrayList<>();
        for (ApiDocument.Operation op : operations()) {
            JsonNode body = op.node().path("requestBody");
            if (!body.isMissingNode() && !untypedBodies().contains(op.key())) {
                for (Iterator<Map.Entry<String, JsonNode>> it = body.path("content").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> type = it.next();
                    String problem = untyped(type.getValue().path("schema"));
                    if (!type.getKey().contains("json")) {
                        wrong.add(op.key() + ": request body as " + type.getKey() + " (a JSON body is described "
                                + "as application/json)");
                    } else if (problem != null) {
                        wrong.add(op.key() + ": request body " + problem);
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext()
                    && !untypedBodies().contains(op.key());) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode json = response.getValue().path("content").path("application/json");
                String problem = json.isMissingNode() ? null : untyped(json.path("schema"));
                if (problem != null) {
                    wrong.add(op.key() + " " + response.getKey() + ": answer " + problem);
                }
            }
        }
        document.root().path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (name.equals("JsonNode") || name.equals("ObjectNode")) {
                wrong.add("schema " + name + " is a Jackson tree, not a type");
            }
        });
        assertNone(wrong);
    }

    @Test
    void theDocumentNamesAServer() {
        Assertions.assertFalse(document.root().path("servers").isEmpty(), "servers");
    }

    private String untyped(JsonNode schema) {
        if (schema.isMissingNode()) {
            return "has no schema";
        }
        String ref = schema.path("$ref").asText("");
        if (ref.endsWith("/JsonNode") || ref.endsWith("/ObjectNode")) {
            return "is a Jackson tree (" + ref + ")";
        }
        JsonNode resolved = document.resolve(schema);
        String type = resolved.path("type").asText("");
        if (type.equals("string") && !resolved.has("format") && !resolved.has("enum")) {
            return "is a plain string";
        }
        if (type.equals("object") && !resolved.has("properties") && !resolved.has("additionalProperties")
                && !resolved.has("allOf") && !resolved.has("oneOf")) {
            return "is an object without properties";
        }
        return null;
    }

    private List<ApiDocument.Operation> operations() {
        return document.operations().stream().filter(o -> !o.path().startsWith("/q/")).toList();
    }

    private static void assertNone(List<String> wrong) {
        if (!wrong.isEmpty()) {
            Assertions.fail(wrong.size() + " finding(s):\n  " + String.join("\n  ", wrong));
        }
    }
}
