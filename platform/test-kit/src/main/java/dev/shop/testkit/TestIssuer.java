package dev.shop.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for auth-service's issuer endpoints during tests: an OIDC discovery document and a JWKS served over HTTP
 * on a loopback port, with RSA keys generated in memory (nothing is stored on disk). Services under test validate
 * tokens against it for real, with quarkus-oidc or smallrye-jwt; tokens are minted with {@link TestTokens}.
 * <p>
 * {@link #rotate()} makes a new current key while keeping the previous one published, as auth-service does.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "shop-api";

    private static volatile TestIssuer shared;

    private final HttpServer server;
    private final String issuer;
    private final List<RsaJsonWebKey> published = new ArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile RsaJsonWebKey current;

    private TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        current = newKey();
        published.add(current);
        server.createContext("/issuer/.well-known/openid-configuration", ex -> respond(ex, discovery()));
        server.createContext("/issuer/jwks", ex -> {
            jwksRequests.incrementAndGet();
            respond(ex, jwks());
        });
        server.start();
    }

    /** The issuer of this test JVM, started on first use. */
    public static TestIssuer shared() {
        TestIssuer local = shared;
        if (local == null) {
            synchronized (TestIssuer.class) {
                if (shared == null) {
                    shared = new TestIssuer();
                }
                local = shared;
            }
        }
        return local;
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return issuer + "/jwks";
    }

    /** How often the JWKS was fetched; shows verifiers refetching after a rotation. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    public RsaJsonWebKey currentKey() {
        return current;
    }

    /** Makes a new signing key current; the previous one stays in the JWKS. */
    public synchronized RsaJsonWebKey rotate() {
        RsaJsonWebKey next = newKey();
        published.add(next);
        if (published.size() > 2) {
            published.remove(0);
        }
        current = next;
        return next;
    }

    /** A key of the same shape that the issuer never published: tokens signed with it must be refused. */
    public static RsaJsonWebKey foreignKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("foreign-key");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private RsaJsonWebKey newKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key-" + generation.incrementAndGet());
            key.setAlgorithm("RS256");
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized String jwks() {
        return new JsonWebKeySet(new ArrayList<JsonWebKey>(published))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private String discovery() {
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","token_endpoint":"%1$s/token",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
