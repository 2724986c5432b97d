package dev.shop.order.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Razorpay's API as order-service uses it, on a local port: Orders (create, list by receipt) and Refunds, with HTTP
 * Basic checked and the refund idempotency key honoured as Razorpay documents it (the same key answers the refund made
 * the first time). It records every request, can be taken down (every call answers 503), and can lose the answer to the
 * next refunds after making them (503 after the refund is done, as a timeout would look).
 */
public final class RazorpayStub implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String authorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> orders = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> refundsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger refundAnswersToLose = new AtomicInteger();
    private volatile boolean down;

    public RazorpayStub(int port, String keyId, String keySecret) throws IOException {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + keySecret)
                .getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** Refunds made (one per idempotency key), whatever number of requests asked for them. */
    public int refundsMade() {
        return refundsByKey.size();
    }

    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** The next {@code count} refunds are made, but answered 503 (the answer lost on its way back). */
    public void loseRefundAnswers(int count) {
        refundAnswersToLose.set(count);
    }

    /** A Razorpay order created earlier for the shop's order, as if the answer to its creation had been lost. */
    public String preload(String receipt, long amount, String currency, String orderId) {
        return store(receipt, amount, currency, Map.of("orderId", orderId)).get("id").toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(), path, query, headers, body));
            if (down) {
                answer(exchange, 503, Map.of("error", Map.of("code", "SERVER_ERROR", "description", "down")));
                return;
            }
            if (!authorization.equals(headers.get("authorization"))) {
                answer(exchange, 401, Map.of("error", Map.of("code", "BAD_REQUEST_ERROR", "description",
                        "Authentication failed")));
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/orders")) {
                JsonNode order = JSON.readTree(body);
                Map<String, String> notes = new LinkedHashMap<>();
                order.path("notes").properties().forEach(e -> notes.put(e.getKey(), e.getValue().asText()));
                answer(exchange, 200, store(order.path("receipt").asText(), order.path("amount").asLong(),
                        order.path("currency").asText(), notes));
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/orders")) {
                String receipt = query == null ? null : param(query, "receipt");
                List<Map<String, Object>> items = new ArrayList<>();
                for (Map<String, Object> o : orders) {
                    if (receipt == null || receipt.equals(o.get("receipt"))) {
                        items.add(0, o);
                    }
                }
                answer(exchange, 200, Map.of("entity", "collection", "count", items.size(), "items", items));
            } else if (exchange.getRequestMethod().equals("POST") && path.matches("/v1/payments/pay_[A-Za-z0-9]+/refund")) {
                String key = headers.get("x-refund-idempotency");
                String paymentId = path.split("/")[3];
                JsonNode request = JSON.readTree(body);
                Map<String, Object> refund = refundsByKey.computeIfAbsent(key == null ? UUID.randomUUID().toString()
                        : key, k -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("id", "rfnd_" + random());
                            r.put("entity", "refund");
                            r.put("amount", request.path("amount").asLong());
                            r.put("currency", "INR");
                            r.put("payment_id", paymentId);
                            r.put("notes", JSON.convertValue(request.path("notes"), Map.class));
                            r.put("status", "processed");
                            r.put("created_at", Instant.now().getEpochSecond());
                            return r;
                        });
                if (refundAnswersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer(exchange, 503, Map.of("error", Map.of("code", "SERVER_ERROR", "description", "lost")));
                    return;
                }
                answer(exchange, 200, refund);
            } else {
                answer(exchange, 404, Map.of("error", Map.of("code", "BAD_REQUEST_ERROR", "description",
                        "The requested URL was not found on the server.")));
            }
        }
    }

    private Map<String, Object> store(String receipt, long amount, String currency, Map<String, String> notes) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "order_" + random());
        order.put("entity", "order");
        order.put("amount", amount);
        order.put("amount_paid", 0);
        order.put("amount_due", amount);
        order.put("currency", currency);
        order.put("receipt", receipt);
        order.put("status", "created");
        order.put("attempts", 0);
        // Razorpay answers an empty array, not an object, for an order without notes.
        order.put("notes", notes.isEmpty() ? List.of() : notes);
        order.put("created_at", Instant.now().getEpochSecond());
        orders.add(order);
        return order;
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
