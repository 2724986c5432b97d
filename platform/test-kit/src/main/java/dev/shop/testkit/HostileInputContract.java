package dev.shop.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hostile-input test generated from the service's own OpenAPI document, so an endpoint added tomorrow is covered
 * without anyone remembering to. For every operation it sends, with a token that gets past the role checks:
 * <ul>
 * <li><b>bodies</b> (POST, PUT, PATCH): malformed JSON, a JSON array / string / {@code null} instead of the object, a
 * field given twice, each field with a value of the wrong JSON type, a Mongo operator object in every string field,
 * NUL characters and 20,000-character strings in every string field, the body without {@code Content-Type}, with
 * {@code * /*} and with {@code text/plain}; a truncated and a boundary-less body for multipart operations;</li>
 * <li><b>reads and deletes</b> as documented, with well-formed ids that name nothing;</li>
 * <li><b>path parameters</b>: a NUL byte, 300 characters, a Mongo operator, {@code ..}, quotes and Unicode;</li>
 * <li><b>query parameters</b>: a NUL byte, Mongo operators, 2,000 characters, out-of-range and non-numeric numbers.</li>
 * </ul>
 * Body variants must be answered with a 4xx {@code application/problem+json}; path and query variants may succeed
 * (a search for {@code {"$ne": null}} is a legal search for that text) but never with a 5xx, and every 4xx must be a
 * problem. A NUL byte is always a 400. No answer may carry a stack trace. Path parameters get a well-formed id that
 * does not exist, so nothing real is changed.
 *
 * <p>
 * Extend it in a {@code @QuarkusTest @WithTestResource(ShopTestResources.class)} class and implement
 * {@link #bearerToken()}; see the test-kit README.
 */
public abstract class HostileInputContract extends EdgeHostileInputContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final int HUGE = 20_000;

    /**
     * The {@code Authorization} token for every request, so the checks reach the body and parameter parsing behind the
     * role checks: an admin's, for a service that has admin operations. {@code null} sends none.
     */
    protected abstract String bearerToken();

    /** Operations to leave out, as {@code "POST /api/v1/things/{id}"}; say in a comment why. */
    protected Set<String> skippedOperations() {
        return Set.of();
    }

    /**
     * Called after every answer with the operation and variant, the status and what is wrong with it (null when right):
     * a hook for counting, e.g. the system tests' figures. Does nothing by default.
     */
    protected void answered(String request, int status, String wrong) {
    }

    /** An id that is well-formed for the service's path parameters but names nothing (default: an unused ObjectId). */
    protected String unknownId(String parameter) {
        return "0123456789abcdef01234567";
    }

    /** The service's OpenAPI document (JSON), from its management interface. */
    protected JsonNode apiDocument() throws IOException, InterruptedException {
        URI url = URI.create(ManagementInterface.url() + "/q/openapi?format=json");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(200, response.statusCode(), "the API document at " + url);
        return JSON.readTree(response.body());
    }

    @Override
    protected String postPath() {
        try {
            return operations(apiDocument()).stream().filter(o -> o.method().equals("post"))
                    .map(o -> concrete(o, Map.of())).findFirst()
                    .orElseThrow(() -> new AssertionError("the API document lists no POST operation"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersHostileInputWithAProblem() throws IOException, InterruptedException {
        JsonNode document = apiDocument();
        List<Operation> operations = operations(document);
        Assertions.assertFalse(operations.isEmpty(), "the API document lists no operation");
        String token = bearerToken();
        return operations.stream()
                .filter(o -> !skippedOperations().contains(o.method().toUpperCase(Locale.ROOT) + " " + o.path()))
                .map(o -> DynamicTest.dynamicTest(o.method().toUpperCase(Locale.ROOT) + " " + o.path(),
                        () -> check(document, o, token)));
    }

    // ------------------------------------------------------------------ the checks of one operation

    /**
     * Sends the hostile variants of one operation of the document and lists the wrong answers (empty when every answer
     * was right). What each generated test runs; public so the contract itself can be shown to catch a bad endpoint.
     */
    public List<String> wrongAnswers(String method, String path) throws IOException, InterruptedException {
        JsonNode document = apiDocument();
        Operation op = operations(document).stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + method + " " + path + " in the document"));
        return wrongAnswers(document, op, bearerToken());
    }

    private void check(JsonNode document, Operation op, String token) throws IOException, InterruptedException {
        List<String> failures = wrongAnswers(document, op, token);
        if (!failures.isEmpty()) {
            Assertions.fail(failures.size() + " hostile request(s) got a wrong answer:\n  " + String.join("\n  ",
                    failures));
        }
    }

    private List<String> wrongAnswers(JsonNode document, Operation op, String token)
            throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Variant v : variants(document, op)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + v.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (v.contentType() != null) {
                request.header("Content-Type", v.contentType());
            }
            request.method(op.method().toUpperCase(Locale.ROOT), v.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(v.body().getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures.add(v.name() + ": no answer (" + e + ")");
                continue;
            }
            String problem = judge(v, response);
            answered(op.method().toUpperCase(Locale.ROOT) + " " + op.path() + " " + v.name(), response.statusCode(),
                    problem);
            if (problem != null) {
                failures.add(v.name() + ": " + problem);
            }
        }
        return failures;
    }

    /** @return what is wrong with the answer, or null */
    private static String judge(Variant v, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (STACK_TRACE.matcher(body).find()) {
            return status + " with a stack trace: " + shorten(body);
        }
        if (status >= 500) {
            return status + " " + shorten(body);
        }
        if (v.expectedStatus() > 0 && status != v.expectedStatus()) {
            return "expected " + v.expectedStatus() + ", got " + status + " " + shorten(body);
        }
        if (v.mustFail() && status < 400) {
            return "accepted with " + status + " " + shorten(body);
        }
        if (status >= 400 && (contentType == null || !contentType.startsWith("application/problem+json"))) {
            return status + " with Content-Type " + contentType + " instead of a problem: " + shorten(body);
        }
        if (status >= 400 && !body.contains("\"status\":" + status)) {
            return status + " problem without its status: " + shorten(body);
        }
        return null;
    }

    private record Variant(String name, String pathAndQuery, String contentType, String body, boolean mustFail,
            int expectedStatus) {
    }

    private List<Variant> variants(JsonNode document, Operation op) {
        List<Variant> variants = new ArrayList<>();
        String base = concrete(op, Map.of());
        boolean hasBody = BODY_METHODS.contains(op.method());

        // as documented, ids unknown: reads and deletes only (a write with a plausible body could take effect)
        if (!hasBody) {
            variants.add(new Variant("as documented, with unknown ids", base, null, null, false, 0));
        }
        // path parameters
        for (String parameter : op.pathParameters()) {
            for (Map.Entry<String, String> bad : badPathValues().entrySet()) {
                String path = concrete(op, Map.of(parameter, bad.getValue()));
                boolean nul = bad.getKey().equals("NUL");
                variants.add(new Variant("path {" + parameter + "} " + bad.getKey(), path,
                        hasBody ? "application/json" : null, hasBody ? "{}" : null, nul, nul ? 400 : 0));
            }
        }
        // query parameters
        for (JsonNode parameter : op.queryParameters()) {
            String name = parameter.path("name").asText();
            for (Map.Entry<String, String> bad : badQueryValues().entrySet()) {
                boolean nul = bad.getKey().equals("NUL");
                String query = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + bad.getValue();
                variants.add(new Variant("query " + name + " " + bad.getKey(), base + "?" + query,
                        hasBody ? "application/json" : null, hasBody ? "{}" : null, nul, nul ? 400 : 0));
            }
        }
        if (!hasBody) {
            return variants;
        }
        // bodies
        Optional<String> multipart = op.bodyMediaTypes().stream().filter(t -> t.startsWith("multipart/")).findFirst();
        if (multipart.isPresent()) {
            String truncated = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc";
            variants.add(new Variant("truncated multipart body", base, "multipart/form-data; boundary=XyZ", truncated,
                    true, 0));
            variants.add(new Variant("multipart without boundary", base, "multipart/form-data", "garbage", true, 0));
        }
        String jsonType = op.bodyMediaTypes().stream().filter(t -> t.contains("json")).findFirst()
                .orElse("application/json");
        JsonNode schema = op.bodySchema(document);
        Map<String, JsonNode> properties = properties(document, schema);

        variants.add(new Variant("malformed JSON", base, jsonType, "{\"a\": ", true, 0));
        variants.add(new Variant("JSON array instead of an object", base, jsonType, "[]", true, 0));
        variants.add(new Variant("JSON string instead of an object", base, jsonType, "\"text\"", true, 0));
        variants.add(new Variant("JSON null", base, jsonType, "null", true, 0));
        variants.add(new Variant("no Content-Type", base, null, "{\"a\":\"b\"}", true, 415));
        variants.add(new Variant("Content-Type */*", base, "*/*", "{\"a\":\"b\"}", true, 415));
        // an operation without a declared body may ignore one (and answer 404 for its unknown id)
        variants.add(new Variant("Content-Type text/plain", base, "text/plain", "{\"a\":\"b\"}", true,
                op.bodyMediaTypes().isEmpty() ? 0 : 415));

        if (!properties.isEmpty()) {
            String first = properties.keySet().iterator().next();
            ObjectNode plausible = plausible(document, properties);
            String duplicated = plausible.toString();
            duplicated = duplicated.substring(0, duplicated.length() - 1) + ","
                    + JSON.valueToTree(first) + ":" + plausible.get(first) + "}";
            variants.add(new Variant("field " + first + " given twice", base, jsonType, duplicated, true, 0));

            for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
                JsonNode wrong = wrongType(document, property.getValue());
                if (wrong != null) {
                    ObjectNode body = plausible.deepCopy();
                    body.set(property.getKey(), wrong);
                    variants.add(new Variant("field " + property.getKey() + " = " + wrong, base, jsonType,
                            body.toString(), true, 0));
                }
            }
            ObjectNode operators = plausible.deepCopy();
            ObjectNode nul = plausible.deepCopy();
            ObjectNode huge = plausible.deepCopy();
            boolean anyString = false;
            for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
                if ("string".equals(type(document, property.getValue()))) {
                    anyString = true;
                    operators.set(property.getKey(), NODES.objectNode().putNull("$ne"));
                    nul.put(property.getKey(), "a\u0000b");
                    huge.put(property.getKey(), "x".repeat(HUGE));
                }
            }
            if (anyString) {
                variants.add(new Variant("Mongo operators in string fields", base, jsonType, operators.toString(),
                        true, 0));
                variants.add(new Variant("NUL in string fields", base, jsonType, nul.toString(), true, 0));
                variants.add(new Variant(HUGE + "-character strings", base, jsonType, huge.toString(), true, 0));
            }
        }
        return variants;
    }

    private static Map<String, String> badPathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "%00");
        values.put("300 characters", "a".repeat(300));
        values.put("Mongo operator", URLEncoder.encode("{\"$ne\":null}", StandardCharsets.UTF_8));
        values.put("dot segment", "..%2F..%2Fetc");
        values.put("quotes", URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8));
        values.put("unicode", URLEncoder.encode("\u00e9\u4e2d\ud83d\ude00", StandardCharsets.UTF_8));
        return values;
    }

    private static Map<String, String> badQueryValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "%00");
        values.put("Mongo operator", URLEncoder.encode("{\"$gt\":\"\"}", StandardCharsets.UTF_8));
        values.put("regex", URLEncoder.encode(".*(a+)+$", StandardCharsets.UTF_8));
        values.put("2000 characters", "q".repeat(2_000));
        values.put("huge number", "1e309");
        values.put("negative", "-1");
        values.put("not a number", "NaN");
        return values;
    }

    // ------------------------------------------------------------------ reading the document

    /** One operation of the document. */
    public record Operation(String method, String path, JsonNode node, List<String> pathParameters,
            List<JsonNode> queryParameters) {

        public List<String> bodyMediaTypes() {
            List<String> types = new ArrayList<>();
            node.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        public JsonNode bodySchema(JsonNode document) {
            JsonNode content = node.path("requestBody").path("content");
            for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().contains("json")) {
                    return resolve(document, entry.getValue().path("schema"));
                }
            }
            return NODES.missingNode();
        }
    }

    /** Every operation of an OpenAPI document but the {@code /q/*} ones. */
    public static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                method.getValue().path("parameters").forEach(parameters::add);
                List<String> pathParameters = new ArrayList<>();
                List<JsonNode> queryParameters = new ArrayList<>();
                for (JsonNode p : parameters) {
                    JsonNode parameter = p.has("$ref") ? resolve(document, p) : p;
                    switch (parameter.path("in").asText()) {
                        case "path" -> pathParameters.add(parameter.path("name").asText());
                        case "query" -> queryParameters.add(parameter);
                        default -> {
                        }
                    }
                }
                // a template segment the document forgot to declare still needs a value
                for (String segment : path.getKey().split("/")) {
                    if (segment.startsWith("{") && segment.endsWith("}")) {
                        String name = segment.substring(1, segment.length() - 1);
                        if (!pathParameters.contains(name)) {
                            pathParameters.add(name);
                        }
                    }
                }
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue(), pathParameters,
                        queryParameters));
            }
        }
        return operations;
    }

    private String concrete(Operation op, Map<String, String> overrides) {
        String path = op.path();
        for (String parameter : op.pathParameters()) {
            String value = overrides.getOrDefault(parameter, unknownId(parameter));
            path = path.replace("{" + parameter + "}", value);
        }
        return path;
    }

    /** Follows {@code $ref}s (and a single {@code allOf}) to the schema they name. */
    public static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current != null && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return NODES.missingNode();
            }
            current = document.at(ref.substring(1));
        }
        if (current != null && current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(document, current.get("allOf").get(0));
        }
        return current == null ? NODES.missingNode() : current;
    }

    private static Map<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = resolve(document, schema);
        List<JsonNode> parts = new ArrayList<>();
        parts.add(resolved);
        resolved.path("allOf").forEach(part -> parts.add(resolve(document, part)));
        for (JsonNode part : parts) {
            part.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        }
        return properties;
    }

    private static String type(JsonNode document, JsonNode property) {
        JsonNode resolved = resolve(document, property);
        if (resolved.has("type")) {
            return resolved.get("type").asText();
        }
        if (resolved.has("enum")) {
            return "string";
        }
        if (resolved.has("properties")) {
            return "object";
        }
        return null;
    }

    /** A value of the right JSON type for each field, so a variant breaks exactly one thing. */
    private static ObjectNode plausible(JsonNode document, Map<String, JsonNode> properties) {
        ObjectNode body = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            String type = type(document, property.getValue());
            if (type == null) {
                continue;
            }
            switch (type) {
                case "string" -> body.put(property.getKey(), "x");
                case "integer" -> body.put(property.getKey(), 1);
                case "number" -> body.put(property.getKey(), 1.0);
                case "boolean" -> body.put(property.getKey(), true);
                case "array" -> body.set(property.getKey(), NODES.arrayNode());
                case "object" -> body.set(property.getKey(), NODES.objectNode());
                default -> {
                }
            }
        }
        return body;
    }

    /** A value of another JSON type than the field's, or null when the field takes anything. */
    private static JsonNode wrongType(JsonNode document, JsonNode property) {
        String type = type(document, property);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "string" -> NODES.numberNode(123);
            case "integer" -> NODES.numberNode(1.5);
            case "number" -> NODES.textNode("12.5");
            case "boolean" -> NODES.textNode("yes");
            case "array" -> NODES.objectNode().put("a", 1);
            case "object" -> {
                ArrayNode array = NODES.arrayNode();
                array.add("x");
                yield array;
            }
            default -> null;
        };
    }
}
