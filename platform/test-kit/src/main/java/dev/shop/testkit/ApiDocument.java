package dev.shop.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document of the application under test, read from its management interface, with what the test kit's
 * checks need: its operations, and which operation a concrete request path belongs to.
 */
public final class ApiDocument {

    /** Set on {@code info} by the service kit's document filter: the document follows the platform's conventions. */
    public static final String CONVENTIONS_MARKER = "x-shop-conventions";

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonNode root;
    private final List<Operation> operations;

    private ApiDocument(JsonNode root) {
        this.root = root;
        this.operations = readOperations(root);
    }

    /** One operation of the document. */
    public record Operation(String method, String path, JsonNode node) {

        /** {@code GET /api/v1/products/{id}} */
        public String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        public boolean documents(int status) {
            JsonNode responses = node.path("responses");
            return responses.has(String.valueOf(status)) || responses.has((status / 100) + "XX");
        }

        List<String> segments() {
            return ApiDocument.segments(path);
        }
    }

    public static ApiDocument of(JsonNode root) {
        return new ApiDocument(root);
    }

    /** The document of the application under test, from {@code /q/openapi} on its management interface. */
    public static ApiDocument fetch() {
        URI url = URI.create(ManagementInterface.url() + "/q/openapi?format=json");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the API document at " + url + " answered " + response.statusCode());
            }
            return new ApiDocument(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("cannot read the API document at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public List<Operation> operations() {
        return operations;
    }

    /** Whether the service kit's conventions were applied (a shop service's own document, not the gateway's). */
    public boolean followsConventions() {
        return root.path("info").path(CONVENTIONS_MARKER).asBoolean(false);
    }

    /**
     * The operation a request belongs to: same method, and the path template that matches the concrete path with the
     * most literal segments ({@code /products/most-bought} before {@code /products/{id}}).
     */
    public Optional<Operation> match(String method, String concretePath) {
        List<String> concrete = segments(concretePath);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation operation : operations) {
            if (!operation.method().equalsIgnoreCase(method)) {
                continue;
            }
            List<String> template = operation.segments();
            if (template.size() != concrete.size()) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.size() && matches; i++) {
                String t = template.get(i);
                if (t.startsWith("{") && t.endsWith("}")) {
                    matches = !concrete.get(i).isEmpty();
                } else if (t.equals(concrete.get(i))) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = operation;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A {@code $ref} resolved within the document (or the node itself). */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        String clean = path;
        int query = clean.indexOf('?');
        if (query >= 0) {
            clean = clean.substring(0, query);
        }
        for (String segment : clean.split("/", -1)) {
            segments.add(segment);
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }

    private static List<Operation> readOperations(JsonNode root) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }
}
