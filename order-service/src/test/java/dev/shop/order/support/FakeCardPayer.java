package dev.shop.order.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.shop.contracts.common.Money;
import dev.shop.order.client.FakeCardProvider;
import dev.shop.order.client.StandardWebhooks;
import dev.shop.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Plays the fake-card provider's side as {@code ./shop pay} does: signed webhooks (Standard Webhooks, with the secret
 * of the test profile) and the proof of payment the provider hands the client on its return.
 */
public final class FakeCardPayer {

    public static final String WEBHOOKS = "/api/v1/payments/webhooks/" + FakeCardProvider.NAME;

    /** A webhook event as the provider sends it. */
    public record Webhook(String id, String body) {
    }

    private FakeCardPayer() {
    }

    private static String secret() {
        return ConfigProvider.getConfig().getValue("shop.order.payments.fake-card.secret", String.class);
    }

    public static String newPaymentId() {
        return "fcp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    public static Webhook succeeded(String orderId, String sessionId, String paymentId, Money amount) {
        return event("payment.succeeded", orderId, sessionId, paymentId, amount, null);
    }

    public static Webhook failed(String orderId, String sessionId, String paymentId, Money amount, String reason) {
        return event("payment.failed", orderId, sessionId, paymentId, amount, reason);
    }

    public static Webhook event(String type, String orderId, String sessionId, String paymentId, Money amount,
            String reason) {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":" + Instant.now().getEpochSecond()
                + ",\"data\":{\"orderId\":\"" + orderId + "\",\"sessionId\":\"" + sessionId + "\",\"paymentId\":\""
                + paymentId + "\",\"amount\":{\"amount\":" + amount.amount() + ",\"currency\":\"" + amount.currency()
                + "\"}" + (reason == null ? "" : ",\"failureReason\":\"" + reason + "\"") + "}}";
        return new Webhook(id, body);
    }

    /** Sends the webhook signed now. */
    public static Response send(Webhook webhook) {
        return send(webhook, Instant.now().getEpochSecond(), webhook.body());
    }

    /** Sends {@code body} with the signature of {@code webhook} made at {@code signedAt} (for tampering and staleness). */
    public static Response send(Webhook webhook, long signedAt, String body) {
        return given().contentType(ContentType.JSON).headers(headers(webhook, signedAt)).body(body)
                .when().post(WEBHOOKS);
    }

    public static Map<String, String> headers(Webhook webhook, long signedAt) {
        return Map.of(StandardWebhooks.ID, webhook.id(), StandardWebhooks.TIMESTAMP, String.valueOf(signedAt),
                StandardWebhooks.SIGNATURE, StandardWebhooks.sign(StandardWebhooks.key(secret()), webhook.id(),
                        signedAt, webhook.body().getBytes(StandardCharsets.UTF_8)));
    }

    /** The provider's proof for the client's return, as its checkout would hand it over. */
    public static String returnSignature(String sessionId, String paymentId) {
        return new FakeCardProvider(secret(), Duration.ofMinutes(5), Optional.empty())
                .returnSignature(sessionId, paymentId);
    }

    /** The customer's return from the provider's checkout. */
    public static Response confirm(String userId, String orderId, String paymentId, String signature) {
        return given().auth().oauth2(TestTokens.customer(userId)).contentType(ContentType.JSON)
                .body(Map.of("paymentId", paymentId, "signature", signature))
                .when().post("/api/v1/orders/" + orderId + "/payment/confirm");
    }

    /** Opens (or reads again) the payment session of the customer's order. */
    public static Response openSession(String userId, String orderId) {
        return given().auth().oauth2(TestTokens.customer(userId)).when().post("/api/v1/orders/" + orderId + "/payment");
    }

    /** Runs the calls at the same moment (released together by a latch); returns their answers in order. */
    public static List<Response> atOnce(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
