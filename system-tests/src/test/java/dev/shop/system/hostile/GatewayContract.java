package dev.shop.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.system.support.SystemStack;
import dev.shop.testkit.HostileInputContract;

/**
 * The test kit's hostile-input contract (every service's own suite runs it in-process) pointed at the gateway of the
 * whole stack, over the merged API document: every public and authenticated operation of every service, through the
 * edge's own checks. Subclasses give the identity.
 */
abstract class GatewayContract extends HostileInputContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static JsonNode document;

    @Override
    protected URI baseUri() {
        return URI.create(SystemStack.get().gateway());
    }

    @Override
    protected JsonNode apiDocument() throws IOException, InterruptedException {
        return merged();
    }

    /**
     * The payment provider's webhook takes the raw bytes the provider signed: an unknown provider is 404 and an
     * unsigned body 401 before any content type matters. {@code HostileCorpusIT} and the OWASP API10 test cover it.
     */
    @Override
    protected java.util.Set<String> skippedOperations() {
        return java.util.Set.of("POST /api/v1/payments/webhooks/{provider}");
    }

    @Override
    protected void answered(String request, int status, String wrong) {
        Corpus.answered(request, status, wrong);
    }

    /** The gateway's merged document of every service, read once per run. */
    static synchronized JsonNode merged() throws IOException, InterruptedException {
        if (document == null) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(SystemStack.get().gatewayManagement() + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the merged API document: " + response.statusCode() + " " + response.body());
            }
            JsonNode parsed = new ObjectMapper().readTree(response.body());
            for (String prefix : java.util.List.of("/api/v1/auth/", "/api/v1/products", "/api/v1/cart",
                    "/api/v1/orders", "/api/v1/admin/")) {
                boolean listed = false;
                for (var it = parsed.path("paths").fieldNames(); it.hasNext();) {
                    listed |= it.next().startsWith(prefix);
                }
                if (!listed) {
                    throw new AssertionError("no " + prefix + " path in the merged document: " + parsed.path("info"));
                }
            }
            document = parsed;
        }
        return document;
    }
}
