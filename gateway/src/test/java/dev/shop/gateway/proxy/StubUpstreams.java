package dev.shop.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Tiny upstream services on loopback for the gateway tests: auth, catalog, cart and order answer with a JSON echo of
 * what reached them; admin points at a port nothing listens on. Each stub also serves {@code /q/health/ready} and a
 * small {@code /q/openapi}. Tests look at and steer a stub over HTTP ({@code /__stub/calls}, {@code /__stub/mode/...})
 * rather than through static state, which would not survive Quarkus' test class loading.
 * <p>
 * A query with {@code cc} gets an answer shaped for the micro-cache tests instead of the echo (see {@code cacheable}).
 * <p>
 * Modes: {@code normal}; {@code drop} closes every API connection without an answer; {@code unhealthy} answers
 * {@code /q/health/ready} with 503 DOWN.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final List<String> RUNNING = List.of("auth", "catalog", "cart", "order");
    public static final String DOWN = "admin";
    /** The order service's response timeout in the tests; {@code /slow} paths answer well after it. */
    static final int ORDER_TIMEOUT_MS = 1000;
    static final int SLOW_ANSWER_MS = 4000;
    static final int BIG_BODY_BYTES = 5 * 1024 * 1024;
    /** How long {@code /pause} paths take to answer: long enough that a small connection pool would queue them. */
    static final int PAUSE_MS = 500;

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-upstream");
            t.setDaemon(true);
            return t;
        });
        Map<String, String> config = new TreeMap<>();
        for (String name : RUNNING) {
            HttpServer server = startServer(name);
            servers.put(name, server);
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            config.put("shop.gateway.upstreams." + name + ".url", url);
            // a stub serves its API document on its one port, as a service does on its management port
            config.put("shop.gateway.upstreams." + name + ".management-url", url);
        }
        String down = "http://127.0.0.1:" + unusedPort();
        config.put("shop.gateway.upstreams." + DOWN + ".url", down);
        config.put("shop.gateway.upstreams." + DOWN + ".management-url", down);
        config.put("shop.gateway.upstreams.order.timeout", ORDER_TIMEOUT_MS + "ms");
        return config;
    }

    @Override
    public void stop() {
        servers.values().forEach(s -> s.stop(0));
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private HttpServer startServer(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/", new Stub(name)::handle);
            server.setExecutor(executor);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start stub " + name, e);
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic content for the large bodies, so both sides can check it without keeping a copy. */
    static byte[] bigBody() {
        byte[] body = new byte[BIG_BODY_BYTES];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 11));
        }
        return body;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Stub {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final String name;
        private final AtomicLong calls = new AtomicLong();
        /**
         * Bytes of the request body being read right now (0 between requests): lets a test see a body arrive before
         * the client has finished sending it.
         */
        private final AtomicLong received = new AtomicLong();
        private volatile String mode = "normal";

        Stub(String name) {
            this.name = name;
        }

        void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                if (path.startsWith("/__stub/")) {
                    control(exchange, path);
                    return;
                }
                if (path.startsWith("/q/")) {
                    serveQ(exchange, path);
                    return;
                }
                calls.incrementAndGet();
                if (mode.equals("drop")) {
                    // Closing before any response headers makes the JDK server drop the connection.
                    return;
                }
                if (path.endsWith("/boom")) {
                    send(exchange, 500, "text/html", ("<html><body><pre>java.lang.NullPointerException: boom\n"
                            + "\tat dev.shop." + name + ".Secret.method(Secret.java:42)</pre></body></html>")
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (path.endsWith("/boom-problem")) {
                    send(exchange, 503, "application/problem+json",
                            ("{\"type\":\"/problems/service-unavailable\",\"title\":\"Service unavailable\","
                                    + "\"status\":503,\"detail\":\"" + name + " is warming up\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                Map<String, String> cache = cacheParameters(exchange.getRequestURI().getRawQuery());
                if (cache.containsKey("cc")) {
                    cacheable(exchange, cache);
                    return;
                }
                if (path.endsWith("/slow")) {
                    sleep(SLOW_ANSWER_MS);
                } else if (path.endsWith("/pause")) {
                    sleep(PAUSE_MS);
                } else if (path.endsWith("/big")) {
                    sendBig(exchange);
                    return;
                }
                echo(exchange);
            }
        }

        private void control(HttpExchange exchange, String path) throws IOException {
            if (path.startsWith("/__stub/mode/")) {
                mode = path.substring("/__stub/mode/".length());
                send(exchange, 200, "text/plain", mode.getBytes(StandardCharsets.UTF_8));
                return;
            }
            long value = switch (path) {
                case "/__stub/calls" -> calls.get();
                case "/__stub/received" -> received.get();
                default -> -1;
            };
            send(exchange, value < 0 ? 404 : 200, "text/plain", Long.toString(value).getBytes(StandardCharsets.UTF_8));
        }

        private void serveQ(HttpExchange exchange, String path) throws IOException {
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/q/health/ready")) {
                boolean up = !mode.equals("unhealthy");
                send(exchange, up ? 200 : 503, "application/json",
                        ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":[]}")
                                .getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/q/openapi")) {
                send(exchange, 200, "application/json", StubApiDocs.forService(name).getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "text/plain", new byte[0]);
            }
        }

        private void echo(HttpExchange exchange) throws IOException {
            received.set(0);
            MessageDigest digest = sha256Digest();
            StringBuilder text = new StringBuilder();
            long length = 0;
            byte[] chunk = new byte[16 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(chunk)) != -1) {
                    digest.update(chunk, 0, n);
                    length += n;
                    received.addAndGet(n);
                    if (text.length() < 64 * 1024) {
                        text.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } finally {
                received.set(0);
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));

            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", name);
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", exchange.getRequestURI().getRawPath());
            echo.put("query", exchange.getRequestURI().getRawQuery());
            echo.put("headers", headers);
            echo.put("bodyLength", length);
            echo.put("bodySha256", HexFormat.of().formatHex(digest.digest()));
            echo.put("body", length <= 64 * 1024 ? text.toString() : null);

            exchange.getResponseHeaders().add("X-Upstream", name);
            // Services echo the id too; the gateway must still answer with exactly one value.
            exchange.getResponseHeaders().add("X-Request-Id", "set-by-upstream");
            // Headers a service should not decide for the edge: the gateway removes or replaces them.
            exchange.getResponseHeaders().add("Server", "stub-server/1.0");
            exchange.getResponseHeaders().add("X-Powered-By", "stub-framework/1.0");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Strict-Transport-Security", "max-age=1");
            int status = "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
            send(exchange, status, "application/json", JSON.writeValueAsBytes(echo));
        }

        /**
         * Query parameters of an answer for the micro-cache tests, present when the query has {@code cc} (the
         * {@code Cache-Control} to answer with).
         */
        private static Map<String, String> cacheParameters(String rawQuery) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (rawQuery == null || !(rawQuery.startsWith("cc=") || rawQuery.contains("&cc="))) {
                return parameters;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            }
            return parameters;
        }

        /**
         * An answer shaped by the query: {@code cc} → {@code Cache-Control}, {@code vary}, {@code status},
         * {@code cookie=1} → a {@code Set-Cookie}, {@code age}, {@code etag} (default: one per call),
         * {@code encoding} → {@code Content-Encoding} (the body is not really encoded), {@code size} → body padded
         * to that many bytes, {@code chunked=1}. The body names the call, so a test tells a fresh answer from a
         * reused one.
         */
        private void cacheable(HttpExchange exchange, Map<String, String> parameters) throws IOException {
            exchange.getRequestBody().readAllBytes();
            long call = calls.get();
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", name);
            echo.put("call", call);
            echo.put("method", exchange.getRequestMethod());
            echo.put("query", exchange.getRequestURI().getRawQuery());
            echo.put("acceptLanguage", exchange.getRequestHeaders().getFirst("Accept-Language"));
            echo.put("acceptEncoding", exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            echo.put("pad", "");
            byte[] body = JSON.writeValueAsBytes(echo);
            int size = Integer.parseInt(parameters.getOrDefault("size", "0"));
            if (size > body.length) {
                echo.put("pad", "x".repeat(size - body.length));
                body = JSON.writeValueAsBytes(echo);
            }
            Headers headers = exchange.getResponseHeaders();
            headers.add("Content-Type", "application/json");
            headers.add("Cache-Control", parameters.get("cc"));
            headers.add("ETag", "\"" + parameters.getOrDefault("etag", name + "-" + call) + "\"");
            headers.add("X-Upstream", name);
            headers.add("X-Request-Id", "set-by-upstream");
            headers.add("Server", "stub-server/1.0");
            headers.add("Access-Control-Allow-Origin", "*");
            // a service's own limit headers: the gateway's, for the request at hand, replace them
            headers.add("RateLimit-Limit", "5");
            headers.add("RateLimit-Remaining", "4");
            if (parameters.containsKey("vary")) {
                headers.add("Vary", parameters.get("vary"));
            }
            if ("1".equals(parameters.get("cookie"))) {
                headers.add("Set-Cookie", "stub=" + call + "; Path=/; HttpOnly");
            }
            if (parameters.containsKey("age")) {
                headers.add("Age", parameters.get("age"));
            }
            if (parameters.containsKey("encoding")) {
                headers.add("Content-Encoding", parameters.get("encoding"));
            }
            int status = Integer.parseInt(parameters.getOrDefault("status", "200"));
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : "1".equals(parameters.get("chunked")) ? 0 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        private void sendBig(HttpExchange exchange) throws IOException {
            byte[] body = bigBody();
            exchange.getResponseHeaders().add("X-Upstream", name);
            // Chunked: the gateway has to stream a body of unknown length.
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                }
            }
        }

        private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
                throws IOException {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private static MessageDigest sha256Digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
