package dev.shop.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./shop demo}: a customer's first visit, scripted against the running stack through the gateway, each step
 * printed with the call it made and what came back: register (with the one-time code from the local OTP log), browse the
 * catalogue, put a product into the cart, place a cash-on-delivery order and wait for its confirmation. A smoke test
 * as much as a tour: the first step that does not answer as expected stops the journey with the answer it got.
 */
public final class DemoJourney {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration OTP_WAIT = Duration.ofSeconds(10);
    private static final Duration CONFIRMATION_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final Function<String, Optional<String>> latestOtp;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private int step;

    /**
     * @param gateway the gateway's origin, e.g. {@code http://localhost:8080}
     * @param latestOtp the last one-time code sent to a phone (E.164), if any
     */
    public DemoJourney(URI gateway, Function<String, Optional<String>> latestOtp, PrintStream out) {
        this.gateway = gateway;
        this.latestOtp = latestOtp;
        this.out = out;
    }

    /** Thrown when a step does not answer as the journey expects; the message says what came back. */
    static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    private record Answer(int status, JsonNode body, Map<String, List<String>> headers) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** Runs the journey; 0 when every step answered as expected. */
    public int run() {
        long started = System.nanoTime();
        try {
            journey();
            out.printf(Locale.ROOT, "%nThe demo journey passed: %d steps in %.1f s.%n", step,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (StepFailed e) {
            out.println();
            out.println("FAILED at step " + step + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println();
            out.println("FAILED at step " + step + ": cannot reach the gateway at " + gateway + " (" + e.getMessage()
                    + "); is the stack running? ./shop status");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void journey() throws IOException, InterruptedException {
        // a fresh customer every run: a mobile number of the local default region that no demo account uses
        String phone = "+9198" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        String password = "Demo#" + UUID.randomUUID().toString().substring(0, 8) + "-journey";
        String username = "demo" + Integer.toString(random.nextInt(1 << 30), 36);

        begin("Register " + phone + " (a code is sent by SMS; locally it lands in data/dev-otp.log)");
        String codeBefore = latestOtp.apply(phone).orElse("");
        Answer registered = call("POST", "/api/v1/auth/register", null,
                Map.of("username", username, "phoneNumber", phone, "password", password), 202);
        String registrationId = registered.body().path("registrationId").asText();
        String code = awaitOtp(phone, codeBefore);
        show("registrationId " + registrationId + ", one-time code " + code);

        begin("Confirm the registration with the code");
        Answer tokens = call("POST", "/api/v1/auth/register/verify", null,
                Map.of("registrationId", registrationId, "phoneNumber", phone, "otp", code), 201);
        String token = tokens.body().path("accessToken").asText();
        show("signed in as " + tokens.body().path("user").path("username").asText() + " (user "
                + tokens.body().path("user").path("id").asText() + "), access token valid "
                + tokens.body().path("expiresIn").asInt() + " s");

        begin("Browse the catalogue: products in stock, most popular first");
        Answer page = call("GET", "/api/v1/products?inStock=true&size=3", null, null, 200);
        JsonNode items = page.body().path("items");
        if (items.isEmpty()) {
            throw new StepFailed("the catalogue has no product in stock (GET /api/v1/products?inStock=true)");
        }
        show(page.body().path("total").asLong() + " products in stock; the first " + items.size() + ":");
        for (JsonNode product : items) {
            show("  " + product.path("name").asText() + " — " + money(product.path("effectivePrice")) + " (stock "
                    + product.path("stock").asInt() + ")");
        }
        JsonNode chosen = items.get(0);

        begin("Look at one product (with its ETag for caching)");
        Answer product = call("GET", "/api/v1/products/" + chosen.path("slug").asText(), null, null, 200);
        show(product.body().path("name").asText() + ", SKU " + product.body().path("sku").asText() + ", ETag "
                + product.header("ETag").orElse("-"));

        begin("Put it into the cart");
        Answer cart = call("POST", "/api/v1/cart/items", token,
                Map.of("productId", chosen.path("id").asText(), "quantity", 1), 200);
        show(cart.body().path("itemCount").asInt() + " item(s) in the cart, total "
                + money(cart.body().path("total")));

        begin("Place a cash-on-delivery order (with an Idempotency-Key)");
        Map<String, Object> address = Map.of("fullName", "Demo Customer", "phoneNumber", phone, "line1",
                "12 MG Road", "city", "Bengaluru", "state", "Karnataka", "postalCode", "560001");
        Answer placed = call("POST", "/api/v1/orders", token,
                Map.of("shippingAddress", address, "paymentMethod", "COD"), 202,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        String orderId = placed.body().path("id").asText();
        show("order " + placed.body().path("number").asText() + " (" + orderId + ") is "
                + placed.body().path("status").asText() + ", total " + money(placed.body().path("total")));

        begin("Wait for the confirmation (the catalogue reserves the stock through Kafka events)");
        JsonNode order = awaitSettled(orderId, token);
        String status = order.path("status").asText();
        if (!status.equals("CONFIRMED")) {
            throw new StepFailed("the order ended " + status + ", not CONFIRMED: " + order);
        }
        show("order " + order.path("number").asText() + " is CONFIRMED: " + order.path("lines").size()
                + " line(s), total " + money(order.path("total")) + ", paid on delivery");
    }

    private String awaitOtp(String phone, String before) throws InterruptedException {
        Instant deadline = Instant.now().plus(OTP_WAIT);
        while (true) {
            Optional<String> code = latestOtp.apply(phone);
            if (code.isPresent() && !code.get().equals(before)) {
                return code.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StepFailed("no one-time code for " + phone + " in the local OTP log within "
                        + OTP_WAIT.toSeconds() + " s (is auth-service running in local mode?)");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private JsonNode awaitSettled(String orderId, String token) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(CONFIRMATION_WAIT);
        String last = "";
        while (true) {
            Answer answer = send("GET", "/api/v1/orders/" + orderId, token, null, Map.of());
            if (answer.status() != 200) {
                throw new StepFailed("GET /api/v1/orders/" + orderId + " answered " + answer.status() + ": "
                        + answer.body());
            }
            String status = answer.body().path("status").asText();
            if (!status.equals(last)) {
                show("status " + status);
                last = status;
            }
            if (!status.equals("PENDING")) {
                return answer.body();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StepFailed("the order is still PENDING after " + CONFIRMATION_WAIT.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void begin(String what) {
        step++;
        out.println();
        out.println(step + ". " + what);
    }

    private void show(String line) {
        out.println("   " + line);
    }

    private Answer call(String method, String path, String token, Object body, int expected)
            throws IOException, InterruptedException {
        return call(method, path, token, body, expected, Map.of());
    }

    private Answer call(String method, String path, String token, Object body, int expected,
            Map<String, String> headers) throws IOException, InterruptedException {
        show(method + " " + path);
        Answer answer = send(method, path, token, body, headers);
        show("→ " + answer.status());
        if (answer.status() != expected) {
            throw new StepFailed(method + " " + path + " answered " + answer.status() + " (expected " + expected
                    + "): " + answer.body());
        }
        return answer;
    }

    private Answer send(String method, String path, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json;
        try {
            json = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.getNodeFactory().textNode(new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Answer(response.statusCode(), json, response.headers().map());
    }

    /** {@code {"amount": 249900, "currency": "INR"}} → {@code INR 2499.00}. */
    static String money(JsonNode money) {
        if (!money.has("amount")) {
            return "-";
        }
        long amount = money.path("amount").asLong();
        return String.format(Locale.ROOT, "%s %d.%02d", money.path("currency").asText(), amount / 100,
                Math.abs(amount % 100));
    }
}
