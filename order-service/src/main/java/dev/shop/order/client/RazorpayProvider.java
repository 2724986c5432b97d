package dev.shop.order.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.application.PaymentProvider;
import dev.shop.order.application.PaymentProvider.PaymentNotice.Kind;
import dev.shop.order.client.RazorpayApi.RazorpayOrder;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.PaymentSession;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Card payments through Razorpay.
 * <ul>
 * <li>A session is a Razorpay Order for the order's total ({@code receipt} = the order number, {@code notes.orderId} =
 * the order id). The client opens Razorpay Checkout with {@code key} = the session's {@code clientSecret} (the public
 * key id) and {@code order_id} = the session id. Before creating one, the order's Razorpay orders are looked up by
 * receipt, so a repeated attempt (a retry after a lost answer, a crash before the session was stored) reuses the one
 * created before instead of opening a second order that could be paid too.</li>
 * <li>The customer's return carries {@code razorpay_payment_id} and {@code razorpay_signature} = hex
 * HMAC-SHA256(key secret, {@code <order_id>|<payment_id>}), checked against the order's own session.</li>
 * <li>Webhooks: {@code X-Razorpay-Signature} = hex HMAC-SHA256(webhook secret, raw body), the event id in
 * {@code X-Razorpay-Event-Id}. Razorpay signs no delivery time: the event's {@code created_at} (in the signed body)
 * decides staleness, and since a failed delivery is sent again unchanged for 24 hours, only events older than that
 * are stale.</li>
 * <li>Refunds carry {@code X-Refund-Idempotency} (the same key for every attempt at one refund), so Razorpay refunds
 * once however often it is asked.</li>
 * </ul>
 */
public final class RazorpayProvider implements PaymentProvider {

    public static final String NAME = "razorpay";
    public static final String SIGNATURE = "x-razorpay-signature";
    public static final String EVENT_ID = "x-razorpay-event-id";

    static final String PAYMENT_CAPTURED = "payment.captured";
    static final String ORDER_PAID = "order.paid";
    static final String PAYMENT_FAILED = "payment.failed";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAYMENT_ID = Pattern.compile("pay_[A-Za-z0-9]{1,40}");
    private static final Pattern ORDER_ID = Pattern.compile("order_[A-Za-z0-9]{1,40}");
    private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final HexFormat HEX = HexFormat.of();

    private final RazorpayApi api;
    private final String keyId;
    private final byte[] keySecret;
    private final byte[] webhookSecret;
    private final String authorization;
    private final Duration tolerance;
    private final Duration maxAge;
    private final OrderConfig.Dependency settings;
    private final TypedGuard<Uni<RazorpayOrder>> sessions;
    private final TypedGuard<Uni<RazorpayApi.RazorpayRefund>> refunds;

    public RazorpayProvider(RazorpayApi api, String keyId, String keySecret, String webhookSecret,
            Duration tolerance, Duration maxAge, OrderConfig.Dependency settings) {
        this.api = api;
        this.keyId = keyId;
        this.keySecret = keySecret.getBytes(StandardCharsets.UTF_8);
        this.webhookSecret = webhookSecret.getBytes(StandardCharsets.UTF_8);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + keySecret)
                .getBytes(StandardCharsets.UTF_8));
        this.tolerance = tolerance;
        this.maxAge = maxAge;
        this.settings = settings;
        this.sessions = Guards.of("razorpay-orders", settings, new TypeLiteral<>() {
        });
        this.refunds = Guards.of("razorpay-refunds", settings, new TypeLiteral<>() {
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.CARD;
    }

    /**
     * The order's Razorpay order: the one created for it before (same receipt, order id and amount), or a new one. Two
     * concurrent first calls may both create one; the order keeps the session stored first (its write is conditional on
     * its version) and answers that one to both, so the other Razorpay order is never shown to anyone.
     */
    @Override
    public Uni<PaymentSession> openSession(SessionRequest request) {
        return sessions.get(() -> api.ordersWithReceipt(authorization, request.orderNumber())
                .flatMap(found -> {
                    if (found != null && found.items() != null) {
                        for (RazorpayOrder order : found.items()) {
                            if (isFor(order, request)) {
                                Log.infof("Razorpay order %s of order %s reused", order.id(), request.orderNumber());
                                return Uni.createFrom().item(order);
                            }
                        }
                    }
                    return api.createOrder(authorization, new RazorpayApi.NewOrder(request.amount().amount(),
                            request.amount().currency(), request.orderNumber(), Map.of("orderId",
                                    request.orderId())));
                }))
                .onFailure().transform(this::unavailable)
                .map(order -> {
                    if (order == null || order.id() == null || !ORDER_ID.matcher(order.id()).matches()) {
                        throw new DependencyDown(RazorpayApi.SERVICE + " answered without an order id; try again",
                                1);
                    }
                    return new PaymentSession(order.id(), NAME, keyId, null, request.amount(),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS), request.expiresAt());
                });
    }

    private static boolean isFor(RazorpayOrder order, SessionRequest request) {
        return order.id() != null && request.orderId().equals(order.note("orderId"))
                && order.amount() != null && order.amount() == request.amount().amount()
                && request.amount().currency().equalsIgnoreCase(order.currency());
    }

    @Override
    public PaymentNotice verifyReturn(PaymentSession session, String paymentId, String signature, Instant now) {
        byte[] expected = hmac(keySecret, session.id() + "|" + paymentId);
        if (!PAYMENT_ID.matcher(paymentId).matches() || !MessageDigest.isEqual(expected, hex(signature))) {
            throw new ProblemException(422, "/problems/payment-not-verified", "The payment could not be verified",
                    "The signature is not Razorpay's for this order's payment");
        }
        return new PaymentNotice("return:" + paymentId, "return", Kind.SUCCEEDED, null, session.id(), paymentId,
                session.amount(), null, now);
    }

    @Override
    public PaymentNotice verifyWebhook(Map<String, String> headers, byte[] body, Instant now) {
        String signature = headers.get(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            throw ProblemException.unauthorized("Unsigned webhook: " + SIGNATURE + " is required");
        }
        if (!MessageDigest.isEqual(hmac(webhookSecret, body), hex(signature))) {
            throw ProblemException.unauthorized("The webhook signature does not match its content");
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.invalid("body", "a JSON webhook event");
        }
        if (event == null || !event.isObject()) {
            throw ProblemException.invalid("body", "a JSON webhook event");
        }
        if (!event.path("created_at").canConvertToLong()) {
            throw ProblemException.unauthorized("Stale webhook: the event has no created_at");
        }
        Instant created = Instant.ofEpochSecond(event.path("created_at").asLong());
        if (created.isAfter(now.plus(tolerance)) || created.isBefore(now.minus(maxAge).minus(tolerance))) {
            throw ProblemException.unauthorized("Stale webhook: created at " + created + ", outside the "
                    + maxAge.toHours() + " h Razorpay retries a delivery for");
        }
        String eventId = eventId(headers.get(EVENT_ID), body);
        String type = text(event, "event");
        JsonNode payment = event.path("payload").path("payment").path("entity");
        JsonNode order = event.path("payload").path("order").path("entity");
        // The order's notes are the service's own (set when the session was created); a payment's are the client's.
        String orderId = first(text(order.path("notes"), "orderId"), text(payment.path("notes"), "orderId"));
        String sessionId = first(text(payment, "order_id"), text(order, "id"));
        Kind kind = PAYMENT_CAPTURED.equals(type) || ORDER_PAID.equals(type) ? Kind.SUCCEEDED
                : PAYMENT_FAILED.equals(type) ? Kind.FAILED : Kind.OTHER;
        if (kind == Kind.OTHER) {
            return new PaymentNotice(eventId, type, kind, orderId, sessionId, null, null, null, created);
        }
        String paymentId = text(payment, "id");
        if (paymentId == null || !PAYMENT_ID.matcher(paymentId).matches()) {
            throw ProblemException.invalid("payload.payment.entity.id", "a Razorpay payment id");
        }
        String reason = kind == Kind.FAILED ? first(text(payment, "error_description"), text(payment, "error_code"))
                : null;
        return new PaymentNotice(eventId, type, kind, orderId, sessionId, paymentId, money(payment), reason, created);
    }

    @Override
    public Uni<String> refund(RefundRequest request) {
        RazorpayApi.NewRefund body = new RazorpayApi.NewRefund(request.amount().amount(),
                Map.of("orderId", request.orderId()));
        return refunds.get(() -> api.refund(authorization, request.idempotencyKey(), request.paymentReference(), body))
                .onFailure().transform(this::unavailable)
                .map(refund -> {
                    if (refund == null || refund.id() == null || refund.id().isBlank()) {
                        throw new DependencyDown(RazorpayApi.SERVICE + " answered a refund without its id", 1);
                    }
                    return refund.id();
                });
    }

    /** The Checkout's proof of a payment (for tests): hex HMAC-SHA256(key secret, order id | payment id). */
    public static String returnSignature(String keySecret, String orderId, String paymentId) {
        return HEX.formatHex(hmac(keySecret.getBytes(StandardCharsets.UTF_8), orderId + "|" + paymentId));
    }

    /** A webhook delivery's signature (for tests): hex HMAC-SHA256(webhook secret, raw body). */
    public static String webhookSignature(String webhookSecret, byte[] body) {
        return HEX.formatHex(hmac(webhookSecret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Any failure as the caller sees it: 503 problem+json with Retry-After (nothing was stored). */
    private ProblemException unavailable(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new DependencyDown(RazorpayApi.SERVICE + " is unavailable; try again shortly",
                    Math.max(1, settings.circuitDelay().toSeconds()));
        }
        if (failure instanceof DependencyRefused refused) {
            // Bad credentials or a request Razorpay will not take: the shop's configuration, not the customer's doing.
            Log.errorf("Razorpay refused a call with status %d: check shop.order.payments.razorpay.*",
                    refused.status());
            return new DependencyDown(RazorpayApi.SERVICE + " refused the request; try again later", 1);
        }
        String why = failure instanceof TimeoutException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                        ? "did not answer in time"
                        : "could not be reached";
        Log.warnf("Call to Razorpay failed: %s", failure.toString());
        return new DependencyDown(RazorpayApi.SERVICE + " " + why + "; try again shortly", 1);
    }

    /** The header's event id; without one (Razorpay always sends it), the body's digest, so a replay still dedupes. */
    private static String eventId(String header, byte[] body) {
        if (header != null && EVENT.matcher(header.strip()).matches()) {
            return header.strip();
        }
        try {
            return "body-" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Money money(JsonNode payment) {
        if (!payment.path("amount").canConvertToLong() || payment.path("amount").asLong() < 0
                || !payment.path("currency").isTextual()) {
            throw ProblemException.invalid("payload.payment.entity.amount", "amount and currency of the payment");
        }
        return new Money(payment.path("amount").asLong(), payment.path("currency").asText().toUpperCase(Locale.ROOT));
    }

    private static byte[] hex(String value) {
        try {
            return HEX.parseHex(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmac(byte[] key, String content) {
        return hmac(key, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        return StandardWebhooks.hmac(key, content);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
