package dev.shop.order.api;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCard;
import static dev.shop.order.support.Orders.placeCod;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderAwaitingPayment;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.order.client.StandardWebhooks;
import dev.shop.order.messaging.CouponUsageConsumer;
import dev.shop.order.messaging.NotificationsConsumer;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.persistence.PaymentWebhookInbox;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeCardPayer;
import dev.shop.order.support.FakeCardPayer.Webhook;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Card payments end to end, with this test in the fake-card provider's role (signed webhooks, the proof the client brings
 * back) and in the catalogue's (stock answers on Kafka): sessions, a signed payment, every bad webhook, duplicates at
 * the same moment, the webhook racing the client's return, payments after cancellation and after the timeout, refunds.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class PaymentFlowTest {

    @Inject
    OrderRepository orders;

    CatalogRole catalog;

    @BeforeAll
    static void deadLetterTopics() {
        ShopTestResources.kafka().createTopics(List.of(
                Topics.deadLetter("order-service", NotificationsConsumer.CHANNEL),
                Topics.deadLetter("order-service", CouponUsageConsumer.CHANNEL)));
    }

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** A card order whose stock is reserved, and its open payment session. */
    private record Awaiting(String user, String id, String sessionId, Money total) {
    }

    private Awaiting awaitingPayment(long price) {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Brake caliper", price, 20), 2));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        Response session = FakeCardPayer.openSession(user, id);
        session.then().statusCode(200);
        return new Awaiting(user, id, session.path("sessionId"),
                new Money(((Number) session.path("amount.amount")).longValue(), session.path("amount.currency")));
    }

    @Test
    void aCardOrderIsPaidThroughACorrectlySignedWebhook() {
        String user = newUser();
        FakeWorld.Product product = FakeWorld.product("Brake caliper", 349_900, 20);
        FakeWorld.cart(user, FakeWorld.line(product, 2));
        String id = placeCard(user);
        catalog.reserve(id);
        awaitStatus(user, id, "AWAITING_PAYMENT");
        OrderAwaitingPayment awaiting = EventJson.dataAs(catalog.await(id, OrderAwaitingPayment.TYPE),
                OrderAwaitingPayment.class);
        assertThat(awaiting.amount()).isEqualTo(new Money(699_800, "INR"));

        // The session charges the order's total; asking again answers the same open session.
        Response session = FakeCardPayer.openSession(user, id);
        session.then().statusCode(200)
                .body("orderId", equalTo(id))
                .body("provider", equalTo("fake-card"))
                .body("sessionId", startsWith("fcs_"))
                .body("clientSecret", startsWith(session.<String> path("sessionId") + "_secret_"))
                .body("amount.amount", equalTo(699_800))
                .body("expiresAt", equalTo(awaiting.paymentDueBy().toString()));
        String sessionId = session.path("sessionId");
        FakeCardPayer.openSession(user, id).then().statusCode(200).body("sessionId", equalTo(sessionId));

        String paymentId = FakeCardPayer.newPaymentId();
        FakeCardPayer.send(FakeCardPayer.succeeded(id, sessionId, paymentId, new Money(699_800, "INR")))
                .then().statusCode(204);

        Orders.get(user, id).then().statusCode(200)
                .body("status", equalTo("PAID"))
                .body("payment.status", equalTo("PAID"))
                .body("payment.provider", equalTo("fake-card"))
                .body("payment.reference", equalTo(paymentId))
                .body("payment.session.id", equalTo(sessionId))
                .body("payment.attempts", hasSize(1))
                .body("statusHistory.status", equalTo(List.of("PENDING", "AWAITING_PAYMENT", "PAID")));
        OrderPaid paid = EventJson.dataAs(catalog.await(id, OrderPaid.TYPE), OrderPaid.class);
        assertThat(paid.amount()).isEqualTo(new Money(699_800, "INR"));
        assertThat(paid.reference()).isEqualTo(paymentId);
        assertThat(paid.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
        FakeCardPayer.openSession(user, id).then().statusCode(409).body("detail", containsString("PAID"));
    }

    @Test
    void unsignedTamperedReplayedAndStaleWebhooksAreRefusedOrChangeNothing() {
        Awaiting order = awaitingPayment(99_900);
        Webhook real = FakeCardPayer.succeeded(order.id(), order.sessionId(), FakeCardPayer.newPaymentId(),
                order.total());
        long now = Instant.now().getEpochSecond();

        // No signature at all.
        given().contentType(ContentType.JSON).body(real.body()).when().post(FakeCardPayer.WEBHOOKS)
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Unsigned"));
        // Signed, then the amount changed on the way.
        FakeCardPayer.send(real, now, real.body().replace("\"amount\":" + order.total().amount(), "\"amount\":1"))
                .then().statusCode(401).body("detail", containsString("does not match"));
        // Signed with another secret.
        Map<String, String> foreign = Map.of(StandardWebhooks.ID, real.id(), StandardWebhooks.TIMESTAMP,
                String.valueOf(now), StandardWebhooks.SIGNATURE, StandardWebhooks.sign(StandardWebhooks.key(
                        StandardWebhooks.newSecret()), real.id(), now, real.body().getBytes(StandardCharsets.UTF_8)));
        given().contentType(ContentType.JSON).headers(foreign).body(real.body()).when().post(FakeCardPayer.WEBHOOKS)
                .then().statusCode(401);
        // Correctly signed, but ten minutes ago (outside the five-minute tolerance) — or as if from the future.
        FakeCardPayer.send(real, now - 600, real.body()).then().statusCode(401).body("detail", containsString("Stale"));
        FakeCardPayer.send(real, now + 600, real.body()).then().statusCode(401);
        // An unknown provider.
        given().contentType(ContentType.JSON).body(real.body()).when().post("/api/v1/payments/webhooks/paypal")
                .then().statusCode(404);

        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.attempts", hasSize(0));
        assertThat(inboxDeliveries(real.id())).as("refused deliveries are not recorded").isZero();

        // The real one, then the very same delivery replayed (within the tolerance): one payment.
        FakeCardPayer.send(real, now, real.body()).then().statusCode(204);
        FakeCardPayer.send(real, now, real.body()).then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");
        assertThat(inboxDeliveries(real.id())).isEqualTo(2);
        List<EventEnvelope> events = catalog.all(order.id(), Duration.ofSeconds(3));
        assertThat(events).extracting(EventEnvelope::type).containsOnlyOnce(OrderPaid.TYPE);
        Orders.get(order.user(), order.id()).then().body("payment.attempts", hasSize(1));
    }

    @Test
    void threeIdenticalWebhooksArrivingAtTheSameMomentPayTheOrderOnce() throws Exception {
        Awaiting order = awaitingPayment(149_900);
        Webhook webhook = FakeCardPayer.succeeded(order.id(), order.sessionId(), FakeCardPayer.newPaymentId(),
                order.total());
        long signedAt = Instant.now().getEpochSecond();
        List<Callable<Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(() -> FakeCardPayer.send(webhook, signedAt, webhook.body()));
        }

        List<Response> answers = FakeCardPayer.atOnce(deliveries);

        assertThat(answers).extracting(Response::statusCode).containsOnly(204);
        Orders.get(order.user(), order.id()).then().body("status", equalTo("PAID"))
                .body("payment.attempts", hasSize(1))
                .body("statusHistory.status", equalTo(List.of("PENDING", "AWAITING_PAYMENT", "PAID")));
        List<EventEnvelope> events = catalog.all(order.id(), Duration.ofSeconds(3));
        assertThat(events.stream().filter(e -> e.type().equals(OrderPaid.TYPE))).hasSize(1);
        assertThat(inboxDeliveries(webhook.id())).isEqualTo(3);
    }

    @Test
    void theWebhookRacingTheClientsReturnPaysTheOrderOnceAndBothAnswerThePaidOrder() throws Exception {
        for (int round = 0; round < 5; round++) {
            Awaiting order = awaitingPayment(59_900);
            String paymentId = FakeCardPayer.newPaymentId();
            Webhook webhook = FakeCardPayer.succeeded(order.id(), order.sessionId(), paymentId, order.total());
            String proof = FakeCardPayer.returnSignature(order.sessionId(), paymentId);

            List<Response> answers = FakeCardPayer.atOnce(List.of(
                    () -> FakeCardPayer.send(webhook),
                    () -> FakeCardPayer.confirm(order.user(), order.id(), paymentId, proof)));

            answers.get(0).then().statusCode(204);
            answers.get(1).then().statusCode(200).body("status", equalTo("PAID"))
                    .body("payment.reference", equalTo(paymentId));
            Orders.get(order.user(), order.id()).then().body("payment.attempts", hasSize(1));
            assertThat(catalog.all(order.id(), Duration.ofSeconds(2)).stream()
                    .filter(e -> e.type().equals(OrderPaid.TYPE))).as("round %d", round).hasSize(1);
            // The order is in the customer's (and so the admin's) list, paid.
            given().auth().oauth2(TestTokens.customer(order.user())).when().get("/api/v1/orders?status=PAID")
                    .then().statusCode(200).body("items.id", equalTo(List.of(order.id())));
        }
    }

    @Test
    void theClientsReturnAloneAlsoPaysAndAForgedProofIsRefused() {
        Awaiting order = awaitingPayment(25_000);
        String paymentId = FakeCardPayer.newPaymentId();

        FakeCardPayer.confirm(order.user(), order.id(), paymentId, FakeCardPayer.returnSignature(order.sessionId(),
                "fcp_other")).then().statusCode(422).body("type", equalTo("/problems/payment-not-verified"));
        FakeCardPayer.confirm(newUser(), order.id(), paymentId, FakeCardPayer.returnSignature(order.sessionId(),
                paymentId)).then().statusCode(404);
        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"));

        FakeCardPayer.confirm(order.user(), order.id(), paymentId,
                FakeCardPayer.returnSignature(order.sessionId(), paymentId)).then().statusCode(200)
                .body("status", equalTo("PAID"));
        // The webhook arriving afterwards is the same payment.
        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), paymentId, order.total()))
                .then().statusCode(204);
        Orders.get(order.user(), order.id()).then().body("payment.attempts", hasSize(1))
                .body("payment.refunds", hasSize(0));
    }

    @Test
    void aFailedPaymentIsRecordedAndAnnouncedAndTheOrderKeepsWaiting() {
        Awaiting order = awaitingPayment(75_000);
        String failedId = FakeCardPayer.newPaymentId();

        FakeCardPayer.send(FakeCardPayer.failed(order.id(), order.sessionId(), failedId, order.total(),
                "card_declined")).then().statusCode(204);

        OrderPaymentFailed failed = EventJson.dataAs(catalog.await(order.id(), OrderPaymentFailed.TYPE),
                OrderPaymentFailed.class);
        assertThat(failed.reason()).isEqualTo("card_declined");
        assertThat(failed.failedAttempts()).isEqualTo(1);
        Orders.get(order.user(), order.id()).then().body("status", equalTo("AWAITING_PAYMENT"))
                .body("payment.status", equalTo("PENDING"))
                .body("payment.attempts[0].outcome", equalTo("FAILED"))
                .body("payment.attempts[0].reason", equalTo("card_declined"));

        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), FakeCardPayer.newPaymentId(),
                order.total())).then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");
    }

    @Test
    void aPaymentArrivingAfterTheCancellationIsRecordedAndRefunded() {
        Awaiting order = awaitingPayment(120_000);
        Orders.cancel(order.user(), order.id(), "Found it cheaper").then().statusCode(200);
        String paymentId = FakeCardPayer.newPaymentId();

        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), paymentId, order.total()))
                .then().statusCode(204);

        OrderRefunded refunded = EventJson.dataAs(catalog.await(order.id(), OrderRefunded.TYPE), OrderRefunded.class);
        assertThat(refunded.reason()).isEqualTo(OrderRefunded.LATE_PAYMENT);
        assertThat(refunded.paymentReference()).isEqualTo(paymentId);
        assertThat(refunded.amount()).isEqualTo(order.total());
        assertThat(refunded.refundReference()).startsWith("fcr_");
        Orders.get(order.user(), order.id()).then()
                .body("status", equalTo("CANCELLED"))
                .body("payment.status", equalTo("REFUNDED"))
                .body("payment.reference", equalTo(paymentId))
                .body("payment.attempts[0].outcome", equalTo("SUCCEEDED"))
                .body("payment.refunds[0].status", equalTo("REFUNDED"))
                .body("payment.refunds[0].refundReference", notNullValue());
        assertThat(catalog.all(order.id(), Duration.ofSeconds(2))).extracting(EventEnvelope::type)
                .doesNotContain(OrderPaid.TYPE);
    }

    @Test
    void anOrderNotPaidInTimeIsCancelledItsStockReleasedAndALatePaymentRefunded() {
        Awaiting order = awaitingPayment(45_000);
        // As if the payment window had closed a minute ago.
        orders.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(order.id())),
                Updates.set("payment.dueBy", Instant.now().minus(Duration.ofMinutes(1)))).await().indefinitely();

        awaitStatus(order.user(), order.id(), "CANCELLED");
        OrderCancelled cancelled = EventJson.dataAs(catalog.await(order.id(), OrderCancelled.TYPE),
                OrderCancelled.class);
        assertThat(cancelled.cancelledBy()).isEqualTo("SYSTEM");
        assertThat(cancelled.previousStatus()).isEqualTo("AWAITING_PAYMENT");
        assertThat(cancelled.refundDue()).isFalse();
        Orders.get(order.user(), order.id()).then().body("cancellation.by", equalTo("SYSTEM"))
                .body("payment.status", equalTo("VOIDED"));
        FakeCardPayer.openSession(order.user(), order.id()).then().statusCode(409);

        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), FakeCardPayer.newPaymentId(),
                order.total())).then().statusCode(204);
        EventJson.dataAs(catalog.await(order.id(), OrderRefunded.TYPE), OrderRefunded.class);
        Orders.get(order.user(), order.id()).then().body("status", equalTo("CANCELLED"))
                .body("payment.status", equalTo("REFUNDED"));
    }

    @Test
    void cancellingAPaidOrderRefundsIt() {
        Awaiting order = awaitingPayment(80_000);
        String paymentId = FakeCardPayer.newPaymentId();
        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), paymentId, order.total()))
                .then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");

        Orders.cancel(order.user(), order.id(), "Ordered twice").then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellation.refundDue", equalTo(true))
                .body("payment.status", equalTo("REFUNDED"))
                .body("payment.refunds[0].reason", equalTo("ORDER_CANCELLED"));
        OrderRefunded refunded = EventJson.dataAs(catalog.await(order.id(), OrderRefunded.TYPE), OrderRefunded.class);
        assertThat(refunded.paymentReference()).isEqualTo(paymentId);
        assertThat(refunded.reason()).isEqualTo(OrderRefunded.ORDER_CANCELLED);
    }

    @Test
    void aRefundStillDueIsPaidBackByTheSweeper() {
        Awaiting order = awaitingPayment(33_000);
        String paymentId = FakeCardPayer.newPaymentId();
        FakeCardPayer.send(FakeCardPayer.succeeded(order.id(), order.sessionId(), paymentId, order.total()))
                .then().statusCode(204);
        awaitStatus(order.user(), order.id(), "PAID");
        // The state after a cancellation whose immediate refund did not go through (the provider did not answer).
        orders.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(order.id())), Updates.combine(
                Updates.set("status", "CANCELLED"), Updates.set("payment.status", "REFUND_DUE"),
                Updates.push("payment.refunds", new org.bson.Document("provider", "fake-card")
                        .append("paymentReference", paymentId)
                        .append("amount", new org.bson.Document("amount", order.total().amount())
                                .append("currency", order.total().currency()))
                        .append("reason", "ORDER_CANCELLED").append("status", "DUE")
                        .append("requestedAt", Instant.now())),
                Updates.inc("version", 1L))).await().indefinitely();

        Eventually.await(() -> Orders.get(order.user(), order.id()).<String> path("payment.status"),
                "REFUNDED"::equals, "the due refund of " + order.id() + " paid back");
        catalog.await(order.id(), OrderRefunded.TYPE);
    }

    @Test
    void aSessionIsOnlyForTheOwnersCardOrderWaitingForItsPayment() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Horn", 9_900, 20), 1));
        String cash = placeCod(user);
        String card = placeCard(user);
        catalog.await(card, "OrderPlaced");

        FakeCardPayer.openSession(user, card).then().statusCode(409).body("detail", containsString("not ready"));
        catalog.reserve(cash);
        awaitStatus(user, cash, "CONFIRMED");
        FakeCardPayer.openSession(user, cash).then().statusCode(422)
                .body("detail", containsString("cash on delivery"));
        FakeCardPayer.openSession(newUser(), card).then().statusCode(404);
        FakeCardPayer.openSession(user, "not-an-id").then().statusCode(404);
        given().when().post("/api/v1/orders/" + card + "/payment").then().statusCode(401);
        // An admin pays no one else's order either.
        given().auth().oauth2(TestTokens.admin("ops")).when().post("/api/v1/orders/" + card + "/payment").then()
                .statusCode(404);
    }

    private long inboxDeliveries(String eventId) {
        org.bson.Document found = orders.mongoDatabase().getCollection(PaymentWebhookInbox.COLLECTION)
                .find(Filters.eq("_id", "fake-card:" + eventId)).collect().first().await().indefinitely();
        return found == null ? 0 : found.getInteger("deliveries");
    }
}
