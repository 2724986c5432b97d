package dev.shop.admin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Await;
import dev.shop.admin.Events;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUpdated;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The read models follow the other services' events on the embedded broker: a redelivered event changes nothing, a late
 * one never undoes a newer one, and an unreadable one ends on the channel's dead-letter topic.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ReadModelsTest {

    private static final String ORDERS_DLQ = Topics.deadLetter("admin-service", "orders");

    @Inject
    IdempotentConsumer idempotent;

    Events events;
    Admins admin;

    @BeforeAll
    static void deadLetterTopics() {
        ShopTestResources.kafka().createTopics(List.of(ORDERS_DLQ));
    }

    @BeforeEach
    void setUp() {
        events = new Events();
        admin = Admins.registered(events);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    // ---- user directory

    @Test
    void theUserDirectoryIsSearchableByPhoneNameRoleAndStatus() {
        String tag = Long.toString(System.nanoTime()).substring(7);
        String asha = Events.newId();
        String ravi = Events.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.registered(asha, "+91977" + tag, "Asha Kumari " + tag, now.minusSeconds(10)));
        events.send(Events.registered(ravi, "+91966" + tag, "Ravi (Tester) " + tag, now.minusSeconds(9)));
        events.send(Events.blocked(ravi, admin.id, "spam", now.minusSeconds(5)));
        events.send(Events.roleChanged(asha, admin.id, UserRoleChanged.GRANTED, now.minusSeconds(4), "customer",
                "admin"));
        awaitUser(asha, u -> u.getList("roles").contains("admin"));
        awaitUser(ravi, u -> "BLOCKED".equals(u.getString("status")));

        assertThat(search("q", "+91977" + tag)).containsExactly(asha);
        assertThat(search("q", "asha kumari " + tag)).containsExactly(asha);
        assertThat(search("q", "(Tester) " + tag)).as("regex characters are literal").containsExactly(ravi);
        assertThat(search("q", tag, "status", "blocked")).containsExactly(ravi);
        assertThat(search("q", tag, "role", "admin")).containsExactly(asha);
        assertThat(search("q", tag)).containsExactly(ravi, asha);
        JsonPath blocked = user(ravi);
        assertThat(blocked.getString("phoneNumber")).isEqualTo("+91966" + tag);
        assertThat(blocked.getString("blockedBy")).isEqualTo(admin.id);
        assertThat(blocked.getString("blockReason")).isEqualTo("spam");
        admin.request().queryParam("status", "SLEEPING").get("/api/v1/admin/users").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
    }

    @Test
    void aRedeliveredBlockNeitherReblocksNorAuditsTwice() {
        String userId = Events.newId();
        Instant t = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.registered(userId, "+919812345670", "Meera", t));
        String block = events.send(Events.blocked(userId, admin.id, "fraud", t.plusSeconds(1)));
        events.send(Events.unblocked(userId, admin.id, t.plusSeconds(2)));
        awaitProcessed(IdentityEventsConsumer.USERS_CONSUMER, block);
        awaitUser(userId, u -> "ACTIVE".equals(u.getString("status")) && u.getString("blockedBy") == null);

        events.send(block); // Kafka delivering the very same record again
        sentinel(userId, t.plusSeconds(3));

        assertThat(user(userId).getString("status")).isEqualTo("ACTIVE");
        List<Map<String, Object>> entries = admin.auditOf(userId);
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("security.user-unblocked",
                "security.user-blocked");
        assertThat(entries.get(1)).containsEntry("kind", "SECURITY_EVENT")
                .containsEntry("actorId", admin.id)
                .containsEntry("actorPhone", admin.phone)
                .containsEntry("outcome", "OBSERVED")
                .containsEntry("source", "auth-service")
                .containsEntry("sourceEventId", Events.eventId(block).toString());
    }

    @Test
    void lateEventsNeverUndoNewerOnes() {
        String userId = Events.newId();
        Instant t = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        // Newer facts first, the older ones after them.
        events.send(Events.unblocked(userId, admin.id, t.plusSeconds(20)));
        events.send(Events.roleChanged(userId, admin.id, UserRoleChanged.GRANTED, t.plusSeconds(15), "customer",
                "admin"));
        events.send(Events.blocked(userId, admin.id, "late", t.plusSeconds(10)));
        events.send(Events.registered(userId, "+919800000777", "Late Larry", t));
        sentinel(userId, t.plusSeconds(30));

        JsonPath user = user(userId);
        assertThat(user.getString("status")).isEqualTo("ACTIVE");
        assertThat(user.getList("roles", String.class)).containsExactlyInAnyOrder("customer", "admin");
        assertThat(user.getString("phoneNumber")).isEqualTo("+919800000777");
        assertThat(user.getString("registeredAt")).isEqualTo(t.toString());
    }

    // ---- order index

    @Test
    void theOrderIndexKeepsTheNewestStatusWhateverOrderEventsArriveIn() {
        String orderId = Events.newId();
        String userId = Events.newId();
        Instant t = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.shipped(orderId, userId, t.plusSeconds(30)));
        String placed = events.send(Events.placed(orderId, userId, t, Events.cod(),
                Events.line("p-1", "SKU-1", 25_000, 2), Events.line("p-2", "SKU-2", 10_000, 1)));
        events.send(Events.confirmed(orderId, userId, t.plusSeconds(10)));
        events.send(placed); // redelivered
        awaitProcessed(OrderEventsConsumer.CONSUMER, placed);
        Await.until("three statuses in the history", () -> order(orderId).getList("statusHistory"),
                h -> h.size() == 3);

        JsonPath order = order(orderId);
        assertThat(order.getString("status")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.getString("carrier")).isEqualTo("BlueDart");
        assertThat(order.getString("number")).isEqualTo(Events.number(orderId));
        assertThat(order.getLong("total.amount")).isEqualTo(60_000);
        assertThat(order.getList("lines")).hasSize(2);
        assertThat(order.getString("placedAt")).isEqualTo(t.toString());
        assertThat(order.getList("statusHistory.status")).containsExactly("PENDING", "CONFIRMED", "SHIPPED");

        events.send(Events.delivered(orderId, userId, t.plusSeconds(60)));
        Await.until("delivered", () -> order(orderId).getString("status"), OrderStatus.DELIVERED::equals);
    }

    @Test
    void aCardOrderShowsItsWaitForPaymentItsDeclinedAttemptsAndTheRefundThatSettlesItsCancellation() {
        String orderId = Events.newId();
        String userId = Events.newId();
        Instant t = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.placed(orderId, userId, t, OrderStatus.CARD, Events.line("p-1", "SKU-1", 25_000, 1)));
        events.send(Events.awaitingPayment(orderId, userId, 25_000, t.plusSeconds(5)));
        Await.until("awaiting payment", () -> order(orderId).getString("status"), OrderStatus.AWAITING_PAYMENT::equals);
        assertThat(order(orderId).getString("paymentDueBy")).isEqualTo(t.plusSeconds(905).toString());
        assertThat(searchOrders("userId", userId, "status", "awaiting_payment")).containsExactly(orderId);
        assertThat(searchOrders("userId", userId, "status", "pending")).isEmpty();

        // the second declined attempt arrives before the first, and the first twice
        events.send(Events.paymentFailed(orderId, userId, 25_000, 2, t.plusSeconds(20)));
        String first = events.send(Events.paymentFailed(orderId, userId, 25_000, 1, t.plusSeconds(10)));
        events.send(first);
        awaitProcessed(OrderEventsConsumer.CONSUMER, first);
        JsonPath failing = order(orderId);
        assertThat(failing.getString("status")).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(failing.getInt("paymentFailures")).isEqualTo(2);
        assertThat(failing.getInt("lastPaymentFailure.attempt")).isEqualTo(2);
        assertThat(failing.getString("lastPaymentFailure.reference")).isEqualTo("pay-failed-2-" + orderId);
        assertThat(failing.getString("lastPaymentFailure.reason")).isEqualTo("card_declined");
        assertThat(failing.getString("lastPaymentFailure.at")).isEqualTo(t.plusSeconds(20).toString());

        events.send(Events.paid(orderId, userId, 25_000, t.plusSeconds(30)));
        String cancel = events.send(Events.cancelled(orderId, userId, OrderStatus.PAID, "CUSTOMER", true,
                t.plusSeconds(40)));
        Await.until("cancelled with a refund due", () -> order(orderId),
                o -> OrderStatus.CANCELLED.equals(o.getString("status")) && Boolean.TRUE.equals(o.get("refundDue")));

        // a refund of another payment (one that came after the cancellation) leaves the cancellation's refund owed
        String late = events.send(Events.at(t.plusSeconds(45), orderId, new OrderRefunded(orderId,
                Events.number(orderId), userId, Money.of(25_000, "INR"), "test", "pay-late-" + orderId,
                "rfnd-late-" + orderId, OrderRefunded.LATE_PAYMENT, t.plusSeconds(45))));
        awaitProcessed(OrderEventsConsumer.CONSUMER, late);
        assertThat(order(orderId).getBoolean("refundDue")).isTrue();

        String refund = events.send(Events.refunded(orderId, userId, 25_000, OrderRefunded.ORDER_CANCELLED,
                t.plusSeconds(50)));
        events.send(refund);
        Await.until("the refund settles the cancellation", () -> order(orderId),
                o -> Boolean.FALSE.equals(o.get("refundDue")));
        // the cancellation published again (a new event id) after its refund does not reopen it
        String again = events.send(Events.cancelled(orderId, userId, OrderStatus.PAID, "CUSTOMER", true,
                t.plusSeconds(40)));
        assertThat(Events.eventId(again)).isNotEqualTo(Events.eventId(cancel));
        awaitProcessed(OrderEventsConsumer.CONSUMER, again);

        JsonPath settled = order(orderId);
        assertThat(settled.getString("status")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(settled.getBoolean("refundDue")).isFalse();
        assertThat(settled.getString("paymentReference")).isEqualTo("pay-" + orderId);
        assertThat(settled.getList("statusHistory.status")).containsExactly("PENDING", "AWAITING_PAYMENT", "PAID",
                "CANCELLED");
        assertThat(settled.getList("refunds.reason")).containsExactly(OrderRefunded.LATE_PAYMENT,
                OrderRefunded.ORDER_CANCELLED);
        assertThat(settled.getString("refunds[1].refundReference")).isEqualTo("rfnd-" + orderId);
        assertThat(settled.getLong("refunds[1].amount.amount")).isEqualTo(25_000);
        assertThat(settled.getString("refunds[1].refundedAt")).isEqualTo(t.plusSeconds(50).toString());
    }

    @Test
    void aRefundThatArrivesBeforeItsCancellationIsNotReopenedByIt() {
        String orderId = Events.newId();
        String userId = Events.newId();
        Instant t = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.refunded(orderId, userId, 9_000, OrderRefunded.ORDER_CANCELLED, t.plusSeconds(50)));
        String cancel = events.send(Events.cancelled(orderId, userId, OrderStatus.PAID, "ADMIN", true,
                t.plusSeconds(40)));
        awaitProcessed(OrderEventsConsumer.CONSUMER, cancel);

        JsonPath order = order(orderId);
        assertThat(order.getString("status")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.getBoolean("refundDue")).isFalse();
        assertThat(order.getList("refunds")).hasSize(1);
    }

    @Test
    void ordersAreSearchableByStatusCustomerNumberAndDate() {
        String userId = Events.newId();
        String first = Events.newId();
        String second = Events.newId();
        Instant day = Instant.parse("2031-03-10T09:00:00Z");
        events.send(Events.placed(first, userId, day, Events.cod(), Events.line("p-1", "SKU-1", 1_000, 1)));
        events.send(Events.placed(second, userId, day.plus(Duration.ofDays(2)), Events.cod(),
                Events.line("p-1", "SKU-1", 1_000, 1)));
        events.send(Events.confirmed(second, userId, day.plus(Duration.ofDays(2)).plusSeconds(5)));
        Await.until("both orders", () -> searchOrders("userId", userId), ids -> ids.size() == 2);

        assertThat(searchOrders("userId", userId)).containsExactly(second, first);
        assertThat(searchOrders("userId", userId, "status", "confirmed")).containsExactly(second);
        assertThat(searchOrders("number", Events.number(first))).containsExactly(first);
        assertThat(searchOrders("userId", userId, "from", "2031-03-10", "to", "2031-03-10")).containsExactly(first);
        assertThat(searchOrders("userId", userId, "from", "2031-03-11T00:00:00Z")).containsExactly(second);
        admin.request().queryParam("from", "yesterday").get("/api/v1/admin/orders").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void anUnreadableOrderEventGoesToTheDeadLetterTopic() {
        try (TopicProbe dlq = TopicProbe.open(ORDERS_DLQ)) {
            String key = Events.newId();
            events.send(Topics.ORDERS, key, "{\"this is\": \"not an event envelope\"}");

            assertThat(dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(60))).singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("not an event envelope"));
        }
    }

    // ---- product summary

    @Test
    void theProductSummaryKeepsTheHighestVersionAndDeletionsStick() {
        String productId = Events.newId();
        events.send(Events.productUpdated(Events.product(productId, "FLT-9", "Air filter v2", 45_000, 3, "active", 2),
                "price"));
        events.send(Events.productCreated(Events.product(productId, "FLT-9", "Air filter", 50_000, 10, "draft", 0)));
        events.send(Events.productUpdated(Events.product(productId, "FLT-9", "Air filter v1", 48_000, 7, "active", 1),
                "name"));
        String sentinel = events.send(Events.stockLow(productId, "FLT-9", "Air filter v2", 3));
        awaitProcessed(CatalogEventsConsumer.INVENTORY_CONSUMER, sentinel);
        Await.until("the summary has version 2", () -> product(productId).getInt("version"), v -> v == 2);

        JsonPath product = product(productId);
        assertThat(product.getString("name")).isEqualTo("Air filter v2");
        assertThat(product.getInt("stock")).isEqualTo(3);
        assertThat(product.getLong("price.amount")).isEqualTo(45_000);

        events.send(Events.productDeleted(productId, "FLT-9"));
        Await.until("deleted", () -> admin.request().get("/api/v1/admin/products/" + productId).jsonPath()
                .getBoolean("deleted"), Boolean.TRUE::equals);
        String late = events.send(Events.productUpdated(Events.product(productId, "FLT-9", "Resurrected", 1, 99,
                "active", 3), "name"));
        awaitProcessed(CatalogEventsConsumer.PRODUCTS_CONSUMER, late);
        assertThat(product(productId).getString("name")).isEqualTo("Air filter v2");
        assertThat(admin.request().queryParam("q", "FLT-9").get("/api/v1/admin/products").jsonPath()
                .getList("items.id")).doesNotContain(productId);
    }

    // ---- helpers

    private List<String> search(String... params) {
        var request = admin.request().queryParam("size", "100");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/admin/users").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private List<String> searchOrders(String... params) {
        var request = admin.request().queryParam("size", "100");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/admin/orders").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private JsonPath user(String id) {
        return admin.request().get("/api/v1/admin/users/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath order(String id) {
        return admin.request().get("/api/v1/admin/orders/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath product(String id) {
        return admin.request().get("/api/v1/admin/products/" + id).then().statusCode(200).extract().jsonPath();
    }

    private void awaitUser(String id, java.util.function.Predicate<JsonPath> done) {
        Await.until("user " + id, () -> admin.request().get("/api/v1/admin/users/" + id), r -> r.statusCode() == 200
                && done.test(r.jsonPath()));
    }

    /** A later profile change of the same user (same partition): once it shows, everything sent before was handled. */
    private void sentinel(String userId, Instant at) {
        String name = "sentinel-" + System.nanoTime();
        events.send(Events.at(at, userId, new UserUpdated(userId, null, name, null, List.of("fullName"), at)));
        awaitUser(userId, u -> name.equals(u.getString("fullName")));
    }

    private void awaitProcessed(String consumer, String envelope) {
        EventEnvelope event = EventJson.read(envelope);
        Await.until(event.type() + " processed by " + consumer,
                () -> idempotent.hasProcessed(consumer, event.eventId().toString()).await().atMost(Await.WAIT),
                Boolean.TRUE::equals);
    }
}
