package dev.shop.order.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.application.PaymentProvider;
import dev.shop.order.application.PaymentProvider.PaymentNotice.Kind;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.PaymentSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The local card provider, shaped like Razorpay and Stripe but taking no money. Sessions and refunds are made here
 * (deterministic ids derived from the order, so the same request gives the same session, as an idempotency key would);
 * payments are made by whoever holds the signing secret, as the provider would: {@code ./shop pay <orderId>} (or a
 * test) sends the signed {@code payment.succeeded} / {@code payment.failed} webhook, and prints the proof the client
 * forwards on its return. Never configure it in production.
 * <p>
 * Webhook body: {@code {"id", "type": "payment.succeeded"|"payment.failed", "created": <unix seconds>, "data":
 * {"orderId", "sessionId", "paymentId", "amount": {"amount", "currency"}, "failureReason"}}}, signed as
 * {@link StandardWebhooks} says. Return proof: {@code signature = hex(HMAC-SHA256(key, "return|" + sessionId + "|" +
 * paymentId))}, as Razorpay's checkout signs {@code order_id|payment_id}.
 */
public final class FakeCardProvider implements PaymentProvider {

    public static final String NAME = "fake-card";
    public static final String SUCCEEDED = "payment.succeeded";
    public static final String FAILED = "payment.failed";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final byte[] key;
    private final Duration tolerance;
    private final Optional<Path> sessionsFile;

    public FakeCardProvider(String secret, Duration tolerance, Optional<Path> sessionsFile) {
        this.key = StandardWebhooks.key(secret);
        this.tolerance = tolerance;
        this.sessionsFile = sessionsFile;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.CARD;
    }

    @Override
    public Uni<PaymentSession> openSession(SessionRequest request) {
        String id = "fcs_" + digest("session|" + request.orderId() + "|" + request.expiresAt().getEpochSecond(), 24);
        PaymentSession session = new PaymentSession(id, NAME, id + "_secret_" + digest("client|" + id, 24), null,
                request.amount(), Instant.now().truncatedTo(ChronoUnit.MILLIS), request.expiresAt());
        if (sessionsFile.isEmpty()) {
            return Uni.createFrom().item(session);
        }
        Path file = sessionsFile.get();
        String line = id + " " + request.orderId() + " " + request.amount().amount() + " " + request.amount().currency()
                + " " + request.expiresAt().truncatedTo(ChronoUnit.SECONDS) + System.lineSeparator();
        return Uni.createFrom().item(() -> {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                synchronized (FakeCardProvider.class) {
                    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                }
            } catch (IOException e) {
                throw ProblemException.unavailable("The fake card provider cannot record the session: "
                        + e.getMessage());
            }
            Log.infof("fake-card session %s for order %s (%s): pay it with ./shop pay %s", id, request.orderId(),
                    request.orderNumber(), request.orderId());
            return session;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public PaymentNotice verifyWebhook(Map<String, String> headers, byte[] body, Instant now) {
        String eventId = StandardWebhooks.verify(key, headers, body, now, tolerance);
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.invalid("body", "a JSON webhook event");
        }
        if (event == null || !event.isObject()) {
            throw ProblemException.invalid("body", "a JSON webhook event");
        }
        String bodyId = text(event, "id");
        if (bodyId != null && !bodyId.equals(eventId)) {
            throw ProblemException.invalid("id", "must be the webhook-id it was signed with");
        }
        String type = text(event, "type");
        JsonNode data = event.path("data");
        Instant created = event.path("created").canConvertToLong() ? Instant.ofEpochSecond(event.path("created")
                .asLong()) : now;
        Kind kind = SUCCEEDED.equals(type) ? Kind.SUCCEEDED : FAILED.equals(type) ? Kind.FAILED : Kind.OTHER;
        if (kind == Kind.OTHER) {
            return new PaymentNotice(eventId, type, kind, text(data, "orderId"), text(data, "sessionId"), null, null,
                    null, created);
        }
        String paymentId = text(data, "paymentId");
        if (paymentId == null || !PAYMENT_ID.matcher(paymentId).matches()) {
            throw ProblemException.invalid("data.paymentId", "a payment id");
        }
        return new PaymentNotice(eventId, type, kind, text(data, "orderId"), text(data, "sessionId"), paymentId,
                money(data.path("amount")), text(data, "failureReason"), created);
    }

    @Override
    public PaymentNotice verifyReturn(PaymentSession session, String paymentId, String signature, Instant now) {
        byte[] expected = StandardWebhooks.hmac(key, ("return|" + session.id() + "|" + paymentId)
                .getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!PAYMENT_ID.matcher(paymentId).matches() || !MessageDigest.isEqual(expected, given)) {
            throw new ProblemException(422, "/problems/payment-not-verified", "The payment could not be verified",
                    "The signature is not the provider's for this payment session");
        }
        return new PaymentNotice("return:" + paymentId, "return", Kind.SUCCEEDED, null, session.id(), paymentId,
                session.amount(), null, now);
    }

    @Override
    public Uni<String> refund(RefundRequest request) {
        return Uni.createFrom().item("fcr_" + digest("refund|" + request.idempotencyKey(), 24));
    }

    /** The proof of payment the provider hands the client after a payment (for tests and {@code ./shop pay}). */
    public String returnSignature(String sessionId, String paymentId) {
        return HexFormat.of().formatHex(StandardWebhooks.hmac(key, ("return|" + sessionId + "|" + paymentId)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private String digest(String content, int length) {
        return HexFormat.of().formatHex(StandardWebhooks.hmac(key, content.getBytes(StandardCharsets.UTF_8)))
                .substring(0, length);
    }

    private static Money money(JsonNode node) {
        if (!node.isObject() || !node.path("amount").canConvertToLong() || !node.path("currency").isTextual()
                || node.path("amount").asLong() < 0) {
            throw ProblemException.invalid("data.amount", "{amount, currency} in minor units");
        }
        return new Money(node.path("amount").asLong(), node.path("currency").asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
