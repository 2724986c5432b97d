package dev.shop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.shop.testkit.TestTokens;

/** Tokens and stub controls shared by the gateway's tests. */
public final class TestSupport {

    public static final HttpClient HTTP = HttpClient.newBuilder()
            // HTTP/1.1 as clients and services speak it here; the default would try an h2c upgrade first.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestSupport() {
    }

    /** A valid customer token of a user of its own (so per-user rate limits never leak between tests). */
    public static String customerToken() {
        return TestTokens.customer("customer-" + UUID.randomUUID());
    }

    public static String adminToken() {
        return TestTokens.admin("admin-" + UUID.randomUUID());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String upstreamUrl(String service) {
        return ConfigProvider.getConfig().getValue("shop.gateway.upstreams." + service + ".url", String.class);
    }

    /** Requests that reached the stub's API paths so far ({@code /q/*} excluded). */
    public static long stubCalls(String service) {
        return Long.parseLong(stub(service, "/__stub/calls").trim());
    }

    /** Switches a stub to {@code normal}, {@code drop} or {@code unhealthy}. */
    public static void stubMode(String service, String mode) {
        stub(service, "/__stub/mode/" + mode);
    }

    private static String stub(String service, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(upstreamUrl(service) + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
