package dev.shop.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shop.system.support.Client;
import dev.shop.system.support.Parallel;
import dev.shop.system.support.SystemTest;
import dev.shop.testkit.EdgeHostileInputContract;
import dev.shop.testkit.HostileInputContract;
import dev.shop.testkit.HostileInputContract.Operation;

/**
 * What the test kit's contract does not send, generated from the gateway's merged API document for every operation:
 * no token, a forged token and two tokens at once; numbers that are negative, zero, past {@code long} and past
 * {@code double} in every numeric field and query parameter; path traversal (plain, encoded, double-encoded) and regex
 * metacharacters in every path parameter; {@code name[$ne]} query operators; JSON nested 100,000 deep; a body over the
 * gateway's 10 MB limit; the idempotency key missing, doubled and oversized. Every answer must be no 5xx, every 4xx a
 * problem+json carrying its status, no body a stack trace or a class name; a protected operation without a token is a
 * 401 and an overflowing number a 4xx. Prints the figures of the whole corpus (with the contract's classes).
 */
@SystemTest
@Order(42)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCorpusIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String UNKNOWN_ID = "0123456789abcdef01234567";
    /** alg "none", subject "admin": a token nobody signed. */
    private static final String FORGED = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsImdyb3VwcyI6WyJhZG1p"
            + "biJdLCJpc3MiOiJzaG9wIn0.";
    private static final String CLASS_NAME = "(java|javax|jakarta|io\\.quarkus|io\\.vertx|io\\.netty|com\\.fasterxml"
            + "|org\\.bson|com\\.mongodb|dev\\.shop)\\.[a-z]+\\.";

    private JsonNode document;
    private String adminToken;
    private String customerToken;
    private final List<Request> corpus = new ArrayList<>();

    /** One hostile request and what its answer must be. */
    record Request(String name, String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
            boolean mustFail, int expectedStatus) {
    }

    @BeforeAll
    void theCorpus() throws Exception {
        document = GatewayContract.merged();
        adminToken = Client.demoAdmin().accessToken();
        customerToken = Client.otpCustomer().accessToken();
        for (Operation op : HostileInputContract.operations(document)) {
            generate(op);
        }
        generateEdgeCases();
    }

    @Test
    void everyHostileRequestGetsAProblemAndNoServerError() {
        List<Callable<String>> sends = corpus.stream().map(r -> (Callable<String>) () -> send(r)).toList();
        long started = System.nanoTime();
        List<String> wrong = Parallel.run(8, sends).stream().filter(w -> w != null).toList();
        System.out.printf("hostile corpus: %d requests in %.1f s%n", corpus.size(),
                (System.nanoTime() - started) / 1e9);
        System.out.println(Corpus.figures("(contract and corpus)"));
        assertThat(corpus.size()).as("requests generated from the merged document").isGreaterThanOrEqualTo(2_000);
        assertThat(wrong).as("wrong answers").isEmpty();
        assertThat(Corpus.serverErrors()).as("5xx answers over the whole corpus").isZero();
    }

    // ------------------------------------------------------------------ generating

    private void generate(Operation op) {
        String method = op.method().toUpperCase(Locale.ROOT);
        boolean hasBody = List.of("POST", "PUT", "PATCH").contains(method);
        boolean admin = op.node().has("x-required-role") || op.path().startsWith("/api/v1/admin/")
                || op.path().startsWith("/api/v1/coupons") && !op.path().endsWith("/check");
        String token = admin ? adminToken : customerToken;
        boolean requiresToken = requiresToken(op);
        String base = concrete(op, Map.of());
        byte[] emptyObject = hasBody ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        String name = method + " " + op.path();

        // identity
        corpus.add(new Request(name + " without a token", method, base, json(hasBody, null), emptyObject,
                requiresToken, requiresToken ? 401 : 0));
        corpus.add(new Request(name + " with a forged alg=none token", method, base, json(hasBody, FORGED),
                emptyObject, requiresToken, requiresToken ? 401 : 0));
        Map<String, List<String>> twoTokens = json(hasBody, null);
        twoTokens.put("Authorization", List.of("Bearer " + customerToken, "Bearer " + adminToken));
        corpus.add(new Request(name + " with two Authorization headers", method, base, twoTokens, emptyObject,
                false, 0));
        corpus.add(new Request(name + " with a Basic credential", method, base,
                withAuthorization(json(hasBody, null), "Basic YWRtaW46YWRtaW4="), emptyObject, requiresToken,
                requiresToken ? 401 : 0));

        // path parameters
        for (String parameter : op.pathParameters()) {
            for (Map.Entry<String, String> bad : badPathValues().entrySet()) {
                corpus.add(new Request(name + " {" + parameter + "} " + bad.getKey(), method,
                        concrete(op, Map.of(parameter, bad.getValue())), json(hasBody, token), emptyObject, false,
                        0));
            }
        }
        // query parameters
        for (JsonNode parameter : op.queryParameters()) {
            String q = parameter.path("name").asText();
            String type = HostileInputContract.resolve(document, parameter.path("schema")).path("type").asText();
            Map<String, String> values = new LinkedHashMap<>();
            if (type.equals("integer") || type.equals("number")) {
                values.put("zero", "0");
                values.put("past int", "2147483648");
                values.put("past long", "9223372036854775808");
                values.put("below int", "-2147483649");
                values.put("fraction", "1.5");
                values.put("hex", "0x10");
            } else {
                values.put("regex alternation", enc("(a|aa)+$"));
                values.put("regex class", enc("[^\\\\]*"));
                values.put("quotes", enc("\"';--"));
                values.put("CRLF", enc("a\r\nX-Injected: 1"));
            }
            for (Map.Entry<String, String> bad : values.entrySet()) {
                corpus.add(new Request(name + " ?" + q + " " + bad.getKey(), method,
                        base + "?" + enc(q) + "=" + bad.getValue(), json(hasBody, token), emptyObject, false, 0));
            }
            corpus.add(new Request(name + " ?" + q + "[$ne]", method, base + "?" + enc(q + "[$ne]") + "=x",
                    json(hasBody, token), emptyObject, false, 0));
            corpus.add(new Request(name + " ?" + q + " twice", method, base + "?" + enc(q) + "=1&" + enc(q) + "=2",
                    json(hasBody, token), emptyObject, false, 0));
        }
        if (!hasBody) {
            return;
        }
        // numbers in bodies
        Map<String, JsonNode> properties = properties(op.bodySchema(document));
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            String type = HostileInputContract.resolve(document, property.getValue()).path("type").asText();
            if (!type.equals("integer") && !type.equals("number")) {
                continue;
            }
            Map<String, String> numbers = new LinkedHashMap<>();
            numbers.put("negative", "-1");
            numbers.put("zero", "0");
            numbers.put("past long", "9223372036854775808");
            numbers.put("past double", "1e309");
            numbers.put("min long", "-9223372036854775808");
            for (Map.Entry<String, String> number : numbers.entrySet()) {
                String body = "{\"" + property.getKey() + "\":" + number.getValue() + "}";
                boolean overflow = type.equals("integer") && number.getKey().startsWith("past");
                corpus.add(new Request(name + " " + property.getKey() + " " + number.getKey(), method, base,
                        json(true, token), body.getBytes(StandardCharsets.UTF_8), overflow, 0));
            }
        }
        // nested operators and a Mongo update operator as the whole body
        ObjectNode operators = NODES.objectNode();
        for (String property : properties.keySet()) {
            operators.set(property, NODES.objectNode().put("$regex", ".*"));
        }
        operators.set("$where", NODES.textNode("sleep(1000)"));
        // (an operation whose body has no fields may ignore unknown ones, as the logout does)
        if (!properties.isEmpty()) {
            corpus.add(new Request(name + " $regex and $where in the body", method, base, json(true, token),
                    operators.toString().getBytes(StandardCharsets.UTF_8), true, 0));
        }
        corpus.add(new Request(name + " JSON nested 100,000 deep", method, base, json(true, token),
                ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), true, 0));
        corpus.add(new Request(name + " body in UTF-16 declared UTF-8", method, base, json(true, token),
                "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16), true, 0));
    }

    private void generateEdgeCases() {
        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        huge[0] = '"';
        huge[huge.length - 1] = '"';
        for (String path : List.of("/api/v1/cart/items", "/api/v1/auth/login", "/api/v1/orders")) {
            corpus.add(new Request("POST " + path + " 11 MB body", "POST", path, json(true, customerToken), huge, true,
                    413));
        }
        // a customer of their own: nothing else in the corpus can end this session
        String customerToken = Client.otpCustomer().accessToken();
        byte[] cart = "{\"shippingAddress\":{},\"paymentMethod\":\"COD\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> noKey = json(true, customerToken);
        corpus.add(new Request("POST /api/v1/orders without Idempotency-Key", "POST", "/api/v1/orders", noKey, cart,
                true, 400));
        Map<String, List<String>> twoKeys = json(true, customerToken);
        twoKeys.put("Idempotency-Key", List.of("key-aaaaaaaa-1", "key-bbbbbbbb-2"));
        corpus.add(new Request("POST /api/v1/orders with two Idempotency-Keys", "POST", "/api/v1/orders", twoKeys,
                cart, true, 0));
        for (String key : List.of("k".repeat(5_000), "../../etc/passwd", "{\"$gt\":\"\"}", "a b", "")) {
            Map<String, List<String>> headers = json(true, customerToken);
            headers.put("Idempotency-Key", List.of(key));
            corpus.add(new Request("POST /api/v1/orders Idempotency-Key " + key.substring(0, Math.min(20,
                    key.length())), "POST", "/api/v1/orders", headers, cart, true, 400));
        }
        for (String path : List.of("/api/v1/../../q/health", "/api/v1/%2e%2e/%2e%2e/q/dev", "/internal/v1/cart",
                "/api/v1/products/..%2F..%2Finternal%2Fv1%2Fcart", "/q/openapi", "/q/metrics", "/api/v2/products",
                "/api/v1/products%00", "/API/V1/PRODUCTS")) {
            corpus.add(new Request("GET " + path, "GET", path, json(false, customerToken), null, false, 0));
        }
    }

    private boolean requiresToken(Operation op) {
        JsonNode security = op.node().path("security");
        if (!security.isArray() || security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return false; // an empty requirement: the token is optional
            }
        }
        return true;
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = HostileInputContract.resolve(document, schema);
        List<JsonNode> parts = new ArrayList<>(List.of(resolved));
        resolved.path("allOf").forEach(part -> parts.add(HostileInputContract.resolve(document, part)));
        for (JsonNode part : parts) {
            for (Iterator<Map.Entry<String, JsonNode>> it = part.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                properties.put(e.getKey(), e.getValue());
            }
        }
        return properties;
    }

    private static Map<String, String> badPathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("encoded traversal", "..%2F..%2F..%2Fq%2Fhealth");
        values.put("double-encoded traversal", "%252e%252e%252f%252e%252e%252fetc");
        values.put("dot dot", "%2e%2e");
        values.put("backslash traversal", enc("..\\..\\windows"));
        values.put("regex wildcard", enc(".*"));
        values.put("regex catastrophic", enc("(a+)+$"));
        values.put("Mongo $where", enc("$where"));
        values.put("too long number", "99999999999999999999999999");
        values.put("negative", "-1");
        values.put("ObjectId of zeros", "000000000000000000000000");
        values.put("semicolon matrix", "x;a=b");
        return values;
    }

    private static String concrete(Operation op, Map<String, String> overrides) {
        String path = op.path();
        for (String parameter : op.pathParameters()) {
            path = path.replace("{" + parameter + "}", overrides.getOrDefault(parameter, UNKNOWN_ID));
        }
        return path;
    }

    private static Map<String, List<String>> json(boolean body, String token) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (body) {
            headers.put("Content-Type", List.of("application/json"));
        }
        if (token != null) {
            headers.put("Authorization", List.of("Bearer " + token));
        }
        return headers;
    }

    private static Map<String, List<String>> withAuthorization(Map<String, List<String>> headers, String value) {
        headers.put("Authorization", List.of(value));
        return headers;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ sending and judging

    private static int next;

    private static synchronized String clientAddress() {
        next++;
        return "10.200." + (next >> 8 & 0xFF) + "." + (next & 0xFF);
    }

    private static String send(Request r) {
        String gateway = dev.shop.system.support.SystemStack.get().gateway();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(gateway + r.pathAndQuery())).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException notAUri) {
            // java.net.URI refuses some of these paths itself: not a request the shop could be judged by
            return null;
        }
        request.header("X-Forwarded-For", clientAddress());
        r.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        request.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            if (r.expectedStatus() == 413) {
                // the gateway may answer 413 and close before the client finished sending; see the edge test
                Corpus.answered(r.name(), 413, null);
                return null;
            }
            Corpus.answered(r.name(), -1, "no answer " + e);
            return r.name() + ": no answer (" + e + ")";
        }
        String wrong = judge(r, response);
        Corpus.answered(r.name(), response.statusCode(), wrong);
        return wrong == null ? null : r.name() + ": " + wrong;
    }

    private static String judge(Request r, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (EdgeHostileInputContract.STACK_TRACE.matcher(body).find()
                || status >= 400 && java.util.regex.Pattern.compile(CLASS_NAME).matcher(body).find()) {
            return status + " with a stack trace or class name: " + shorten(body);
        }
        if (status >= 500) {
            return status + " " + shorten(body);
        }
        if (r.expectedStatus() > 0 && status != r.expectedStatus()) {
            return "expected " + r.expectedStatus() + ", got " + status + " " + shorten(body);
        }
        if (r.mustFail() && status < 400) {
            return "accepted with " + status + " " + shorten(body);
        }
        if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            return status + " with Content-Type " + contentType + " instead of a problem: " + shorten(body);
        }
        if (status >= 400 && !body.contains("\"status\":" + status)) {
            return status + " problem without its status: " + shorten(body);
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
