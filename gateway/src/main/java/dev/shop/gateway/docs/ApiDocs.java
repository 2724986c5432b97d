package dev.shop.gateway.docs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.policy.RoutePolicies;
import dev.shop.gateway.proxy.UpstreamTarget;
import dev.shop.gateway.routing.RouteTable;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The merged API document: every service's {@code /q/openapi} fetched at runtime (in parallel, each with a timeout),
 * merged by {@link ApiDocsMerger}, and reused for {@code docs.cache-ttl}. A service that does not answer is left out
 * and named in the document's description; the next refresh tries it again.
 */
@ApplicationScoped
public class ApiDocs {

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final GatewayConfig config;
    private final ApiDocsMerger merger;
    private final Map<String, String> documentUrls = new LinkedHashMap<>();
    private final HttpClient client;
    private volatile Cached cached;
    private Future<ObjectNode> refreshing;

    public ApiDocs(Vertx vertx, ObjectMapper mapper, GatewayConfig config) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.config = config;
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        // Sorted, so the merged document (and which service keeps a clashing component name) is stable.
        new TreeMap<>(config.upstreams()).forEach((name, upstream) -> {
            prefixes.put(name, upstream.prefixes());
            // a service serves its document on its management interface
            String base = upstream.managementUrl().map(URI::toString).orElseGet(() -> {
                UpstreamTarget target = UpstreamTarget.of(name, upstream);
                return (target.ssl() ? "https" : "http") + "://" + target.host() + ":" + target.port()
                        + target.basePath();
            });
            documentUrls.put(name, (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                    + "/q/openapi?format=json");
        });
        this.merger = new ApiDocsMerger(RoutePolicies.standard(), RouteTable.of(prefixes));
        int timeout = (int) config.docs().fetchTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("gateway-docs")
                .setConnectTimeout(timeout).setIdleTimeout(timeout).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    }

    /** The merged document, from the cache when it is fresh enough. */
    public synchronized Future<ObjectNode> document() {
        Cached current = cached;
        if (current != null && current.expiresAt() > System.nanoTime()) {
            return Future.succeededFuture(current.document());
        }
        if (refreshing == null) {
            refreshing = fetchAndMerge().onComplete(ar -> {
                synchronized (this) {
                    refreshing = null;
                    if (ar.succeeded()) {
                        cached = new Cached(ar.result(), System.nanoTime() + config.docs().cacheTtl().toNanos());
                    }
                }
            });
        }
        return refreshing;
    }

    private Future<ObjectNode> fetchAndMerge() {
        List<String> names = new ArrayList<>(documentUrls.keySet());
        List<Future<JsonNode>> fetches = new ArrayList<>();
        for (String name : names) {
            fetches.add(fetch(documentUrls.get(name)));
        }
        return Future.join(fetches).transform(ignored -> {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            Map<String, String> missing = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Future<JsonNode> fetch = fetches.get(i);
                if (fetch.succeeded()) {
                    documents.put(names.get(i), fetch.result());
                } else {
                    missing.put(names.get(i), reason(fetch.cause()));
                    Log.debugf("API document of %s unavailable: %s", names.get(i), fetch.cause().toString());
                }
            }
            ObjectNode merged = merger.merge(documents, missing);
            // served on the management interface: tell tools (Swagger UI's "try it out") where the API is
            String url = config.docs().publicUrl();
            boolean local = url.matches("https?://(localhost|127\\.0\\.0\\.1)(:[0-9]+)?/?");
            merged.putArray("servers").addObject().put("url", url)
                    .put("description", (local ? "local" : "production") + " environment: the gateway, the public "
                            + "entry point for clients")
                    .put("x-internal", false);
            return Future.succeededFuture(merged);
        });
    }

    private Future<JsonNode> fetch(String url) {
        long timeout = config.docs().fetchTimeout().toMillis();
        Promise<JsonNode> result = Promise.promise();
        long timer = vertx.setTimer(timeout, id -> result.tryFail("no answer within " + timeout + " ms"));
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Accept", "application/json"))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(body -> {
                    try {
                        JsonNode document = mapper.readTree(body.getBytes());
                        if (!document.isObject() || !document.has("paths")) {
                            throw new IllegalArgumentException("not an OpenAPI document");
                        }
                        return document;
                    } catch (IOException e) {
                        throw new IllegalArgumentException("not JSON", e);
                    }
                })
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        result.tryComplete(ar.result());
                    } else {
                        result.tryFail(ar.cause());
                    }
                });
        return result.future();
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        String message = failure.getMessage();
        if (failure instanceof ConnectException || (message != null && message.contains("Connection refused"))) {
            return "not reachable";
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private record Cached(ObjectNode document, long expiresAt) {
    }
}
