package dev.shop.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card provider's side of the local fake-card provider, for {@code ./shop pay <orderId>}: finds the session
 * order-service opened for the order (in {@code data/fake-card-sessions.log}), and sends the signed webhook a provider
 * would send when the customer paid (or failed to pay) it, through the gateway. The signature is Standard Webhooks 1.0
 * (headers {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}) with the secret order-service generated into {@code data/keys/fake-card-webhook.secret}. It
 * also prints the proof of payment a client would forward on its return from the provider's checkout.
 */
public final class FakeCardPayment {

    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session order-service opened: one line of the sessions file. */
    public record Session(String id, String orderId, long amount, String currency, String expiresAt) {
    }

    /** A webhook ready to send: its id, timestamp, body and signature header. */
    public record Webhook(String id, long timestamp, String body, String signature) {
    }

    private FakeCardPayment() {
    }

    public static boolean isOrderId(String value) {
        return ORDER_ID.matcher(value).matches();
    }

    /** {@code ./shop pay <orderId> [--fail [reason]]}: the exit status. */
    static int command(StackHome home, int gatewayPort, List<String> options, PrintStream out, PrintStream err) {
        if (options.isEmpty() || !isOrderId(options.get(0))
                || options.size() > 1 && !options.get(1).equals("--fail") || options.size() > 3) {
            err.println("shop: pay needs an order id (24 hex characters), e.g. ./shop pay 6560b2e3d4c5b6a701234567"
                    + " [--fail [reason]]");
            return 2;
        }
        String orderId = options.get(0);
        String failure = options.size() > 1 ? options.size() > 2 ? options.get(2) : "card_declined" : null;
        Optional<Session> session = latestSession(home.fakeCardSessions(), orderId);
        if (session.isEmpty()) {
            err.println("shop: order " + orderId + " has no payment session yet: POST /api/v1/orders/" + orderId
                    + "/payment first (looked in " + home.fakeCardSessions() + ")");
            return 1;
        }
        try {
            String secret = readSecret(home.fakeCardSecret());
            String paymentId = newPaymentId();
            Webhook webhook = webhook(secret, session.get(), paymentId, failure,
                    Instant.now());
            URI endpoint = URI.create("http://localhost:" + gatewayPort
                    + "/api/v1/payments/webhooks/fake-card");
            var response = send(endpoint, webhook);
            if (response.statusCode() != 204) {
                err.println("shop: the webhook was refused: HTTP " + response.statusCode() + " " + response.body());
                return 1;
            }
            out.println((failure == null ? "paid " : "failed (" + failure + ") ") + session.get().amount() + " "
                    + session.get().currency() + " minor units, session " + session.get().id() + ", payment "
                    + paymentId);
            if (failure == null) {
                out.println("client return proof: {\"paymentId\": \"" + paymentId + "\", \"signature\": \""
                        + returnSignature(secret, session.get().id(), paymentId) + "\"}");
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("shop: no fake-card secret at " + home.fakeCardSecret() + ": start the stack first");
            return 1;
        } catch (IOException e) {
            err.println("shop: could not send the webhook: " + e.getMessage() + " (is the stack running?)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The last session listed for the order, if any. */
    public static Optional<Session> latestSession(Path file, String orderId) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length >= 5 && f[1].equals(orderId)) {
                return Optional.of(new Session(f[0], f[1], Long.parseLong(f[2]), f[3], f[4]));
            }
        }
        return Optional.empty();
    }

    public static String newPaymentId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "fcp_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The provider's webhook about a payment of {@code session}.
     *
     * @param failureReason null for {@code payment.succeeded}; otherwise {@code payment.failed} with that reason
     */
    public static Webhook webhook(String secret, Session session, String paymentId, String failureReason,
            Instant now) {
        byte[] idBytes = new byte[12];
        RANDOM.nextBytes(idBytes);
        String id = "evt_" + HexFormat.of().formatHex(idBytes);
        long timestamp = now.getEpochSecond();
        String type = failureReason == null ? "payment.succeeded" : "payment.failed";
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":" + timestamp
                + ",\"data\":{\"orderId\":\"" + session.orderId() + "\",\"sessionId\":\"" + session.id()
                + "\",\"paymentId\":\"" + paymentId + "\",\"amount\":{\"amount\":" + session.amount()
                + ",\"currency\":\"" + session.currency() + "\"}"
                + (failureReason == null ? "" : ",\"failureReason\":\"" + failureReason + "\"") + "}}";
        return new Webhook(id, timestamp, body, sign(secret, id, timestamp, body));
    }

    /** {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, the key being the base64 after {@code whsec_}. */
    public static String sign(String secret, String id, long timestamp, String body) {
        byte[] mac = hmac(key(secret), (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    /** The proof the client forwards on its return: hex HMAC-SHA256 of {@code return|<sessionId>|<paymentId>}. */
    public static String returnSignature(String secret, String sessionId, String paymentId) {
        return HexFormat.of().formatHex(hmac(key(secret), ("return|" + sessionId + "|" + paymentId)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts the webhook; returns the HTTP status and body. */
    public static HttpResponse<String> send(URI endpoint, Webhook webhook) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhook.id())
                .header("webhook-timestamp", String.valueOf(webhook.timestamp()))
                .header("webhook-signature", webhook.signature())
                .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8))
                .build();
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static String readSecret(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static byte[] key(String secret) {
        String s = secret.strip();
        return s.startsWith("whsec_") ? Base64.getDecoder().decode(s.substring(6)) : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
