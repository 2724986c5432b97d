package dev.shop.order.api;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCard;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.order.client.RazorpayProvider;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.persistence.PaymentWebhookInbox;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeCardPayer;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.order.support.RazorpayStub;
import dev.shop.testkit.FreePorts;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Card payments through Razorpay, against a stand-in for Razorpay's API on a local port ({@link RazorpayStub}), with this
 * test in Razorpay's role for webhooks and the Checkout's proof, and in the catalogue's for the stock answers: the
 * session is a Razorpay order for the total, asked again it is the same one; a signed webhook pays; bad webhooks are 401;
 * the return's signature is checked; refunds are made once; Razorpay down is a 503 that stores nothing.
 */
@QuarkusTest
@TestProfile(RazorpayPaymentTest.Razorpay.class)
@WithTestResource(ShopTestResources.class)
class RazorpayPaymentTest {

    static final String KEY_ID = "rzp_test_stubonly";
    static final String KEY_SECRET = "test-only razorpay key secret";
    static final String WEBHOOK_SECRET = "test-only razorpay webhook secret";
    static final String WEBHOOKS = "/api/v1/payments/webhooks/razorpay";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Card payments through Razorpay at a local port (read back from the configuration, the stub listens there). */
    public static class Razorpay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.order.payments.card-provider", "razorpay",
                    "shop.order.payments.razorpay.base-url", "http://localhost:" + FreePorts.next(),
                    "shop.order.payments.razorpay.key-id", KEY_ID,
                    "shop.order.payments.razorpay.key-secret", KEY_SECRET,
                    "shop.order.payments.razorpay.webhook-secret", WEBHOOK_SECRET,
                    "shop.order.dependencies.razorpay.retry-delay", "20ms",
                    "shop.order.dependencies.razorpay.circuit-delay", "1s");
        }
    }

    static RazorpayStub razorpay;

    @Inject
    OrderRepository orders;

    CatalogRole catalog;

    @BeforeAll
    static void startRazorpay() throws Exception {
        URI base = ConfigProvider.getConfig().getValue("shop.order.payments.razorpay.base-url", URI.class);
        razorpay = new RazorpayStub(base.getPort(), KEY_ID, KEY_SECRET);
    }

    @AfterAll
    static void stopRazorpay() {
        razorpay.close();
    }

    @BeforeEach
    void open() {
        razorpay.down(false);
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** A card order whose stock is reserved, and its open Razorpay session. */
    private record Awaiting(String user, String id, String number, String rzpOrder, Money total) {
    }

    private Awaiting awaitingPayment(long price) {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Clutch plate", price, 20), 1));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        Response session = FakeCardPayer.openSession(user, id);
        session.then().statusCode(200);
        return new Awaiting(user, id, Orders.get(user, id).path("number"), session.path("sessionId"),
                new Money(((Number) session.path("amount.amount")).longValue(), session.path("amount.currency")));
    }

    @Test
    void theSessionIsARazorpayOrderForTheTotalAndAskingAgainAnswersTheSameOne() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain set", 249_900, 20), 2));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        String number = Orders.get(user, id).path("number");

        Response session = FakeCardPayer.openSession(user, id);

        session.then().statusCode(200)
                .body("orderId", equalTo(id))
                .body("provider", equalTo("razorpay"))
                .body("sessionId", startsWith("order_"))
                .body("clientSecret", equalTo(KEY_ID))
                .body("redirectUrl", nullValue())
                .body("amount.amount", equalTo(499_800))
                .body("amount.currency", equalTo("INR"));
        List<RazorpayStub.Request> created = creationsFor(number);
        assertThat(created).hasSize(1);
        RazorpayStub.Request request = created.get(0);
        assertThat(request.headers().get("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8)));
        JsonNode body = request.json();
        assertThat(body.path("amount").asLong()).isEqualTo(499_800);
        assertThat(body.path("currency").asText()).isEqualTo("INR");
        assertThat(body.path("receipt").asText()).isEqualTo(number);
        assertThat(body.path("notes").path("orderId").asText()).isEqualTo(id);

        FakeCardPayer.openSession(user, id).then().statusCode(200)
                .body("sessionId", equalTo(session.<String> path("sessionId")));
        assertThat(creationsFor(number)).as("no second Razorpay order").hasSize(1);
        Orders.get(user, id).then().body("payment.session.id", equalTo(session.<String> path("sessionId")))
                .body("payment.provider", equalTo("razorpay"));
    }

    @Test
    void aRazorpayOrderCreatedBeforeWhoseAnswerWasLostIsReusedNotCreatedAgain() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Spark plug", 45_000, 20), 1));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        String number = Orders.get(user, id).path("number");
        // Another order's Razorpay order with the same receipt-like search would not do: only this order's counts.
        razorpay.preload(number, 45_000, "INR", FakeWorld.newId());
        String earlier = razorpay.preload(number, 45_000, "INR", id);

        FakeCardPayer.openSession(user, id).then().statusCode(200).body("sessionId", equalTo(earlier));

        assertThat(creationsFor(number)).isEmpty();
        assertThat(razorpay.requests("GET", "/v1/orders")).anySatisfy(r -> assertThat(r.query())
                .contains("receipt=" + number));
    }

    @Test
    void concurrentFirstCallsAllAnswerTheOneSessionTheOrderStored() throws Exception {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Air filter", 39_900, 20), 1));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(() -> FakeCardPayer.openSession(user, id));
        }

        List<Response> answers = FakeCardPayer.atOnce(calls);

        String stored = Orders.get(user, id).path("payment.session.id");
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.<String> path("sessionId")).isEqualTo(stored);
        });
    }

    @Test
    void aCorrectlySignedWebhookPaysTheOrderAndOrderPaidForTheSamePaymentChangesNothing() {
        Awaiting order = awaitingPayment(129_900);
        String paymentId = newPaymentId();

        // Checkout passed no notes: the payment names the Razorpay order only.
        send(captured(order.rzpOrder(), paymentId, order.total(), Map.of())).then().statusCode(204);

        Orders.get(order.user(), order.id()).then().statusCode(200)
                .body("status", equalTo("PAID"))
                .body("payment.status", equalTo("PAID"))
                .body("payment.provider", equalTo("razorpay"))
                .body("payment.reference", equalTo(paymentId))
                .body("payment.attempts", hasSize(1));
        OrderPaid paid = EventJson.dataAs(catalog.await(order.id(), OrderPaid.TYPE), OrderPaid.class);
        assertThat(paid.amount()).isEqualTo(order.total());
        assertThat(paid.provider()).isEqualTo("razorpay");
        assertThat(paid.reference()).isEqualTo(paymentId);

        send(orderPaid(order.rzpOrder(), order.id(), paymentId, order.total())).then().statusCode(204);
        Orders.get(order.user(), order.id()).then().body("payment.attempts", hasSize(1))
                .body("payment.refunds", hasSize(0));
        assertThat(catalog.all(order.id(), Duration.ofSeconds(2))).extracting(EventEnvelope::type)
                .containsOnlyOnce(OrderPaid.TYPE);
    }

    @Test
    void unsignedTamperedForeignAndStaleWebhooksAre401AndChangeNothing() {
        Awaiting order = awaitingPayment(64_900);
        Webhook real = captured(order.rzpOrder(), newPaymentId(), order.total(), Map.of());

        given().contentType(ContentType.JSON).header("X-Razorpay-Event-Id", real.id()).body(real.body())
                .when().post(WEBHOOKS).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Unsigned"));
        String cheaper = real.body().replace("\"amount\":" + order.total().amount(), "\"amount\":100");
        assertThat(cheaper).isNotEqualTo(real.body());
        send(real.id(), RazorpayProvider.webhookSignature(WEBHOOK_SECRET, bytes(real.body())), cheaper)
                .then().statusCode(401).body("detail", containsString("does not match"));
        send(real.id(), RazorpayProvider.webhookSignature("another account's secret", bytes(real.body())),
                real.body()).then().statusCode(401);
        send(real.id(), "not-hex", real.body()).then().statusCode(401);
        // Correctly signed, but created two days ago (Razorpay stops retrying after 24 h), or an hour in the future.
        long now = Instant.now().getEpochSecond();
        send(event("payment.captured", now - 2 * 86_400, payment(order.rzpOrder(), newPaymentId(), order.total(),
                "captured", Map.of()), null)).then().statusCode(401).body("detail", containsString("Stale"));
        send(event("payment.captured", now + 3_600, payment(order.rzpOrder(), newPaymentId(), order.total(),
                "captured", Map.of()), null)).then().statusCode(401);

        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.attempts", hasSize(0));
        assertThat(inboxDeliveries(real.id())).as("refused deliveries are not recorded").isZero();

        // A delivery retried hours later, unchanged (as Razorpay retries), is still taken.
        Webhook late = event("payment.captured", now - 6 * 3_600, payment(order.rzpOrder(), newPaymentId(),
                order.total(), "captured", Map.of()), null);
        send(late).then().statusCode(204);
        send(late).then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");
        assertThat(inboxDeliveries(late.id())).isEqualTo(2);
    }

    @Test
    void aPaymentWhoseNotesNameAnotherOrderPaysOnlyTheOrderOfItsRazorpayOrder() {
        Awaiting paid = awaitingPayment(55_000);
        Awaiting other = awaitingPayment(55_000);
        String paymentId = newPaymentId();

        // The client's Checkout notes are the client's to choose; the Razorpay order the payment went to is not.
        send(captured(paid.rzpOrder(), paymentId, paid.total(), Map.of("orderId", other.id()))).then()
                .statusCode(204);

        awaitStatus(paid.user(), paid.id(), "PAID");
        Orders.get(other.user(), other.id()).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.attempts", hasSize(0));
        // A payment through a Razorpay order no order holds pays nothing.
        send(captured("order_nobodysorder01", newPaymentId(), other.total(), Map.of("orderId", other.id())))
                .then().statusCode(204);
        Orders.get(other.user(), other.id()).then().body("status", equalTo("AWAITING_PAYMENT"));
    }

    @Test
    void aFailedPaymentIsRecordedWithRazorpaysDescriptionAndTheOrderKeepsWaiting() {
        Awaiting order = awaitingPayment(75_000);
        Map<String, Object> failed = payment(order.rzpOrder(), newPaymentId(), order.total(), "failed", Map.of());
        failed.put("error_code", "BAD_REQUEST_ERROR");
        failed.put("error_description", "Payment failed due to insufficient balance");

        send(event("payment.failed", Instant.now().getEpochSecond(), failed, null)).then().statusCode(204);

        OrderPaymentFailed event = EventJson.dataAs(catalog.await(order.id(), OrderPaymentFailed.TYPE),
                OrderPaymentFailed.class);
        assertThat(event.reason()).isEqualTo("Payment failed due to insufficient balance");
        assertThat(event.provider()).isEqualTo("razorpay");
        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.attempts[0].outcome", equalTo("FAILED"));
        // Events the order does not act on are taken and ignored.
        send(event("refund.processed", Instant.now().getEpochSecond(), failed, null)).then().statusCode(204);
    }

    @Test
    void theReturnsSignatureIsCheckedAgainstTheOrdersRazorpayOrder() {
        Awaiting order = awaitingPayment(35_000);
        String paymentId = newPaymentId();

        confirm(order, paymentId, RazorpayProvider.returnSignature(KEY_SECRET, order.rzpOrder(), newPaymentId()))
                .then().statusCode(422).body("type", equalTo("/problems/payment-not-verified"));
        confirm(order, paymentId, RazorpayProvider.returnSignature(KEY_SECRET, "order_someoneelses01", paymentId))
                .then().statusCode(422);
        confirm(order, paymentId, RazorpayProvider.returnSignature(WEBHOOK_SECRET, order.rzpOrder(), paymentId))
                .then().statusCode(422);
        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"));

        confirm(order, paymentId, RazorpayProvider.returnSignature(KEY_SECRET, order.rzpOrder(), paymentId))
                .then().statusCode(200).body("status", equalTo("PAID"))
                .body("payment.reference", equalTo(paymentId));
        send(captured(order.rzpOrder(), paymentId, order.total(), Map.of())).then().statusCode(204);
        Orders.get(order.user(), order.id()).then().body("payment.attempts", hasSize(1));
    }

    @Test
    void cancellingAPaidOrderRefundsItOnceThroughRazorpayEvenWhenTheFirstAnswerIsLost() {
        Awaiting order = awaitingPayment(80_000);
        String paymentId = newPaymentId();
        send(captured(order.rzpOrder(), paymentId, order.total(), Map.of())).then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");
        // Razorpay makes the refund but its answers are lost: the refund stays due and is asked for again.
        razorpay.loseRefundAnswers(5);

        Orders.cancel(order.user(), order.id(), "Ordered twice").then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("payment.status", equalTo("REFUND_DUE"));

        OrderRefunded refunded = EventJson.dataAs(catalog.await(order.id(), OrderRefunded.TYPE),
                OrderRefunded.class);
        assertThat(refunded.paymentReference()).isEqualTo(paymentId);
        assertThat(refunded.refundReference()).startsWith("rfnd_");
        assertThat(refunded.amount()).isEqualTo(order.total());
        Orders.get(order.user(), order.id()).then().body("payment.status", equalTo("REFUNDED"))
                .body("payment.refunds", hasSize(1))
                .body("payment.refunds[0].refundReference", equalTo(refunded.refundReference()));
        List<RazorpayStub.Request> asked = razorpay.requests("POST", "/v1/payments/" + paymentId + "/refund");
        assertThat(asked).hasSizeGreaterThan(1);
        assertThat(asked).extracting(r -> r.headers().get("x-refund-idempotency")).containsOnly(asked.get(0)
                .headers().get("x-refund-idempotency")).doesNotContainNull();
        assertThat(asked).extracting(r -> r.json().path("amount").asLong()).containsOnly(80_000L);
        assertThat(asked).extracting(RazorpayStub.Request::body).containsOnly(asked.get(0).body());
        assertThat(razorpay.requests().stream().filter(r -> r.path().endsWith("/refund"))
                .map(r -> r.headers().get("x-refund-idempotency")).distinct())
                .as("one refund per payment").hasSize(1);
    }

    @Test
    void razorpayDownIsA503WithRetryAfterAndNothingIsStored() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Brake pad", 19_900, 20), 1));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        razorpay.down(true);

        FakeCardPayer.openSession(user, id).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("detail", containsString("Razorpay"));

        Orders.get(user, id).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.session", nullValue());
        razorpay.down(false);
        String session = Eventually.await(() -> FakeCardPayer.openSession(user, id),
                r -> r.statusCode() == 200, "Razorpay answering again").path("sessionId");
        Orders.get(user, id).then().body("payment.session.id", equalTo(session));
    }

    // ---------------------------------------------------------------------------------------------- Razorpay's side

    /** A webhook delivery: its event id and raw body. */
    record Webhook(String id, String body) {
    }

    private static Webhook captured(String rzpOrder, String paymentId, Money amount, Map<String, String> notes) {
        return event("payment.captured", Instant.now().getEpochSecond(), payment(rzpOrder, paymentId, amount,
                "captured", notes), null);
    }

    private static Webhook orderPaid(String rzpOrder, String orderId, String paymentId, Money amount) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", rzpOrder);
        order.put("entity", "order");
        order.put("amount", amount.amount());
        order.put("amount_paid", amount.amount());
        order.put("currency", amount.currency());
        order.put("status", "paid");
        order.put("notes", Map.of("orderId", orderId));
        return event("order.paid", Instant.now().getEpochSecond(), payment(rzpOrder, paymentId, amount, "captured",
                Map.of()), order);
    }

    private static Map<String, Object> payment(String rzpOrder, String paymentId, Money amount, String status,
            Map<String, String> notes) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("id", paymentId);
        payment.put("entity", "payment");
        payment.put("amount", amount.amount());
        payment.put("currency", amount.currency());
        payment.put("status", status);
        payment.put("order_id", rzpOrder);
        payment.put("method", "card");
        payment.put("captured", "captured".equals(status));
        payment.put("notes", notes.isEmpty() ? List.of() : notes);
        payment.put("error_code", null);
        payment.put("error_description", null);
        payment.put("created_at", Instant.now().getEpochSecond());
        return payment;
    }

    private static Webhook event(String type, long createdAt, Map<String, Object> payment,
            Map<String, Object> order) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("payment", Map.of("entity", payment));
        if (order != null) {
            payload.put("order", Map.of("entity", order));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("entity", "event");
        event.put("account_id", "acc_stubonly");
        event.put("event", type);
        event.put("contains", order == null ? List.of("payment") : List.of("payment", "order"));
        event.put("payload", payload);
        event.put("created_at", createdAt);
        try {
            return new Webhook(UUID.randomUUID().toString().replace("-", "").substring(0, 14),
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response send(Webhook webhook) {
        return send(webhook.id(), RazorpayProvider.webhookSignature(WEBHOOK_SECRET, bytes(webhook.body())),
                webhook.body());
    }

    private static Response send(String eventId, String signature, String body) {
        return given().contentType(ContentType.JSON).header("X-Razorpay-Event-Id", eventId)
                .header("X-Razorpay-Signature", signature).body(body).when().post(WEBHOOKS);
    }

    private static Response confirm(Awaiting order, String paymentId, String signature) {
        return FakeCardPayer.confirm(order.user(), order.id(), paymentId, signature);
    }

    private static String newPaymentId() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static List<RazorpayStub.Request> creationsFor(String receipt) {
        return razorpay.requests("POST", "/v1/orders").stream()
                .filter(r -> receipt.equals(r.json().path("receipt").asText())).toList();
    }

    private long inboxDeliveries(String eventId) {
        org.bson.Document found = orders.mongoDatabase().getCollection(PaymentWebhookInbox.COLLECTION)
                .find(Filters.eq("_id", "razorpay:" + eventId)).collect().first().await().indefinitely();
        return found == null ? 0 : found.getInteger("deliveries");
    }
}
