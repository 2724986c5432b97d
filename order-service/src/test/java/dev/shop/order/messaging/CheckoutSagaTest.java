package dev.shop.order.messaging;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.changeStatus;
import static dev.shop.order.support.Orders.codTo;
import static dev.shop.order.support.Orders.newKey;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.place;
import static dev.shop.order.support.Orders.placeCod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.kit.outbox.Outbox;
import dev.shop.order.application.PendingOrders;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.Placement;
import dev.shop.order.domain.ShippingAddress;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The checkout saga on the real broker, with this test in catalog-service's role: stock reserved or rejected, the
 * order's transitions and their events, cancellation, the admin's shipping and delivery, redelivered answers, the
 * sweeper of orders left pending (also two of them at once), and an order whose event was never published because the service
 * stopped.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CheckoutSagaTest {

    private static final String DLQ = Topics.deadLetter("order-service", InventoryEventsConsumer.CHANNEL);

    @Inject
    OrderRepository orders;
    @Inject
    Outbox outbox;
    @Inject
    PendingOrders sweeper;

    CatalogRole catalog;

    @BeforeAll
    static void deadLetterTopics() {
        ShopTestResources.kafka().createTopics(List.of(DLQ,
                Topics.deadLetter("order-service", OrderEventsProjector.CHANNEL),
                Topics.deadLetter("order-service", ProductEventsConsumer.CHANNEL)));
    }

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aCashOrderIsConfirmedWhenTheCatalogueReservesItsStock() {
        String user = newUser();
        FakeWorld.Product product = FakeWorld.product("Disc rotor", 219_900, 10);
        FakeWorld.cart(user, FakeWorld.line(product, 2));
        String id = placeCod(user);

        catalog.reserve(id);

        awaitStatus(user, id, "CONFIRMED");
        OrderConfirmed confirmed = EventJson.dataAs(catalog.await(id, OrderConfirmed.TYPE), OrderConfirmed.class);
        assertThat(confirmed.userId()).isEqualTo(user);
        // cart-service leaves lines added after this in the cart
        assertThat(confirmed.cartAsOf()).isEqualTo(FakeWorld.cartUpdatedAt(user));
        assertThat(confirmed.lines()).singleElement().satisfies(l -> {
            assertThat(l.productId()).isEqualTo(product.id());
            assertThat(l.quantity()).isEqualTo(2);
        });
        Orders.get(user, id).then()
                .body("statusHistory.status", equalTo(List.of("PENDING", "CONFIRMED")))
                .body("statusHistory[1].reason", containsString("cash on delivery"))
                .body("payment.status", equalTo("PENDING"))
                .body("version", equalTo(1));
    }

    @Test
    void aRedeliveredOrRepeatedAnswerChangesNothingAndAnnouncesNothing() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Fork oil", 8_900, 10), 1));
        String id = placeCod(user);
        OrderPlaced placed = EventJson.dataAs(catalog.await(id, OrderPlaced.TYPE), OrderPlaced.class);
        String answer = catalog.send(StockReserved.TYPE, id, CatalogRole.reserved(placed));
        awaitStatus(user, id, "CONFIRMED");
        catalog.await(id, OrderConfirmed.TYPE);

        // The same record again (Kafka redelivery), a second answer under a new event id, and a late rejection.
        catalog.sendRaw(Topics.CATALOG_INVENTORY, id, answer);
        catalog.send(StockReserved.TYPE, id, CatalogRole.reserved(placed));
        catalog.send(StockRejected.TYPE, id, new StockRejected(id,
                List.of(new StockRejected.RejectedLine(placed.lines().get(0).productId(), 1, 0, "OUT_OF_STOCK"))));

        // Everything published about the order since the probe opened, after a quiet period.
        List<EventEnvelope> all = catalog.all(id, Duration.ofSeconds(3));
        assertThat(all).extracting(EventEnvelope::type).containsExactly(OrderPlaced.TYPE, OrderConfirmed.TYPE);
        Orders.get(user, id).then().body("status", equalTo("CONFIRMED"))
                .body("statusHistory", hasSize(2))
                .body("version", equalTo(1));
    }

    @Test
    void aCardOrderWaitsForItsPaymentOnceTheStockIsReserved() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Tyre", 349_900, 10), 2));
        Map<String, Object> body = new HashMap<>(codTo(FakeWorld.address(user).id()));
        body.put("paymentMethod", "CARD");
        String id = place(user, newKey(), body).then().statusCode(202).extract().path("id");

        catalog.reserve(id);

        awaitStatus(user, id, "AWAITING_PAYMENT");
        Orders.get(user, id).then().body("payment.method", equalTo("CARD")).body("payment.status", equalTo("PENDING"));
        // Nothing is sold before the payment: no OrderConfirmed.
        assertThat(catalog.all(id, Duration.ofSeconds(2))).extracting(EventEnvelope::type)
                .doesNotContain(OrderConfirmed.TYPE);
    }

    @Test
    void aStockRejectionRejectsTheOrderWithTheReasonOfEachLine() {
        String user = newUser();
        FakeWorld.Product a = FakeWorld.product("Indicator", 12_900, 10);
        FakeWorld.Product b = FakeWorld.product("Tail lamp", 32_900, 10);
        FakeWorld.cart(user, FakeWorld.line(a, 3), FakeWorld.line(b, 1));
        String id = placeCod(user);

        catalog.reject(id, new StockRejected.RejectedLine(a.id(), 3, 1, StockRejected.INSUFFICIENT_STOCK),
                new StockRejected.RejectedLine(b.id(), 1, 0, StockRejected.OUT_OF_STOCK));

        awaitStatus(user, id, "REJECTED");
        Orders.get(user, id).then()
                .body("rejection.reason", equalTo("STOCK_UNAVAILABLE"))
                .body("rejection.lines.productId", equalTo(List.of(a.id(), b.id())))
                .body("rejection.lines.reason", equalTo(List.of("INSUFFICIENT_STOCK", "OUT_OF_STOCK")))
                .body("rejection.lines[0].available", equalTo(1))
                .body("rejection.detail", containsString("Indicator: 1 of 3 available"))
                .body("rejection.detail", containsString("Tail lamp is out of stock"))
                .body("payment.status", equalTo("VOIDED"))
                .body("statusHistory.status", equalTo(List.of("PENDING", "REJECTED")));
        OrderRejected rejected = EventJson.dataAs(catalog.await(id, OrderRejected.TYPE), OrderRejected.class);
        assertThat(rejected.reason()).isEqualTo("STOCK_UNAVAILABLE");
        assertThat(rejected.detail()).contains("Indicator").contains("Tail lamp");

        // A rejected order cannot be cancelled any more.
        Orders.cancel(user, id, "never mind").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void cancellingGivesTheStockBackUntilTheOrderShips() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Mud guard", 15_900, 10), 1));
        String confirmed = placeCod(user);
        catalog.reserve(confirmed);
        awaitStatus(user, confirmed, "CONFIRMED");
        String pending = placeCod(user);
        catalog.await(pending, OrderPlaced.TYPE);

        // Somebody else's order is not found, and a reason is required.
        Orders.cancel(newUser(), confirmed, "not mine").then().statusCode(404);
        RestAssured.given().auth().oauth2(TestTokens.customer(user)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/orders/" + confirmed + "/cancel")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));

        Orders.cancel(user, confirmed, "Found it cheaper").then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellation.by", equalTo("CUSTOMER"))
                .body("cancellation.previousStatus", equalTo("CONFIRMED"))
                .body("cancellation.reason", equalTo("Found it cheaper"))
                .body("payment.status", equalTo("VOIDED"))
                .body("statusHistory.status", equalTo(List.of("PENDING", "CONFIRMED", "CANCELLED")));
        OrderCancelled cancelled = EventJson.dataAs(catalog.await(confirmed, OrderCancelled.TYPE),
                OrderCancelled.class);
        assertThat(cancelled.previousStatus()).isEqualTo("CONFIRMED");
        assertThat(cancelled.cancelledBy()).isEqualTo("CUSTOMER");
        assertThat(cancelled.refundDue()).isFalse();
        Orders.cancel(user, confirmed, "again").then().statusCode(409);

        // A pending order can be cancelled too; the catalogue's late answer then changes nothing.
        Orders.cancel(user, pending, "Ordered twice").then().statusCode(200).body("status", equalTo("CANCELLED"));
        catalog.await(pending, OrderCancelled.TYPE);
        catalog.reserve(pending);
        assertThat(catalog.all(pending, Duration.ofSeconds(2))).extracting(EventEnvelope::type)
                .doesNotContain(OrderConfirmed.TYPE);
        Orders.get(user, pending).then().body("status", equalTo("CANCELLED"));

        // Orders are never deleted.
        assertThat(orders.count("userId", user).await().indefinitely()).isEqualTo(2);
    }

    @Test
    void anAdminShipsAndDeliversAndIllegalTransitionsAreConflicts() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain lube", 6_900, 10), 1));
        String id = placeCod(user);
        catalog.await(id, OrderPlaced.TYPE);

        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber", "BD123"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("PENDING"));
        changeStatus(id, Map.of("status", "DELIVERED")).then().statusCode(409);

        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");
        changeStatus(id, Map.of("status", "SHIPPED")).then().statusCode(400)
                .body("violations.field", equalTo(List.of("carrier", "trackingNumber")));
        changeStatus(id, Map.of("status", "PAID")).then().statusCode(400);
        RestAssured.given().auth().oauth2(TestTokens.customer(user)).contentType(ContentType.JSON)
                .body(Map.of("status", "DELIVERED")).when().patch("/api/v1/orders/" + id + "/status")
                .then().statusCode(403);
        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber", "BD123",
                "version", 0)).then().statusCode(409).body("type", equalTo("/problems/stale-version"));

        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber", "BD123", "version", 1))
                .then().statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("shipment.carrier", equalTo("BlueDart"))
                .body("shipment.trackingNumber", equalTo("BD123"));
        OrderShipped shipped = EventJson.dataAs(catalog.await(id, OrderShipped.TYPE), OrderShipped.class);
        assertThat(shipped.trackingNumber()).isEqualTo("BD123");

        Orders.cancel(user, id, "too late").then().statusCode(409).body("detail", containsString("SHIPPED"));
        changeStatus(id, Map.of("status", "SHIPPED", "carrier", "DTDC", "trackingNumber", "X1")).then()
                .statusCode(409);

        changeStatus(id, Map.of("status", "DELIVERED")).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("payment.status", equalTo("PAID"))
                .body("statusHistory.status",
                        equalTo(List.of("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED")));
        OrderDelivered delivered = EventJson.dataAs(catalog.await(id, OrderDelivered.TYPE), OrderDelivered.class);
        assertThat(delivered.lines()).hasSize(1);
        changeStatus(id, Map.of("status", "CANCELLED", "reason", "test")).then().statusCode(409);
    }

    @Test
    void anAdminCancelsAnOrderOnTheShopsBehalf() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Grip", 3_900, 10), 1));
        String id = placeCod(user);
        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");

        changeStatus(id, Map.of("status", "CANCELLED", "reason", "Address not serviceable")).then().statusCode(200)
                .body("cancellation.by", equalTo("ADMIN"));
        OrderCancelled cancelled = EventJson.dataAs(catalog.await(id, OrderCancelled.TYPE), OrderCancelled.class);
        assertThat(cancelled.cancelledBy()).isEqualTo("ADMIN");
        assertThat(cancelled.reason()).isEqualTo("Address not serviceable");
    }

    @Test
    void ordersTheCatalogueLeavesUnansweredArePlacedAgainThenRejected() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Side stand", 24_900, 10), 1));
        String slow = placeCod(user);
        String silent = placeCod(user);
        catalog.await(slow, OrderPlaced.TYPE);
        catalog.await(silent, OrderPlaced.TYPE);
        // As if the catalogue had been silent for 3 and for 20 minutes (re-drive after 2, reject after 15).
        backdate(slow, Duration.ofMinutes(3));
        backdate(silent, Duration.ofMinutes(20));

        // The sweeper publishes OrderPlaced again for the first; this time the catalogue answers.
        List<EventEnvelope> placedTwice = catalog.await(slow, OrderPlaced.TYPE, 2);
        assertThat(placedTwice.get(1).eventId()).isNotEqualTo(placedTwice.get(0).eventId());
        catalog.send(StockReserved.TYPE, slow,
                CatalogRole.reserved(EventJson.dataAs(placedTwice.get(1), OrderPlaced.class)));
        awaitStatus(user, slow, "CONFIRMED");

        // The second waited too long: rejected, and the catalogue is told to give back anything it held.
        awaitStatus(user, silent, "REJECTED");
        Orders.get(user, silent).then().body("rejection.reason", equalTo("STOCK_TIMEOUT"));
        OrderRejected rejected = EventJson.dataAs(catalog.await(silent, OrderRejected.TYPE), OrderRejected.class);
        assertThat(rejected.reason()).isEqualTo("STOCK_TIMEOUT");
    }

    @Test
    void twoSweepsAtTheSameMomentPlaceAgainOrRejectEachStuckOrderOnce() throws Exception {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain guard", 14_900, 10), 1));
        List<String> slow = List.of(placeCod(user), placeCod(user), placeCod(user));
        List<String> silent = List.of(placeCod(user), placeCod(user), placeCod(user));
        for (String id : concat(slow, silent)) {
            catalog.await(id, OrderPlaced.TYPE);
        }
        // Unanswered for 10 minutes (placed again after 2) and for 40 (rejected after 15); as two replicas' sweepers
        // would, both sweeps start together and see the same orders.
        slow.forEach(id -> backdate(id, Duration.ofMinutes(10)));
        silent.forEach(id -> backdate(id, Duration.ofMinutes(40)));
        Instant now = Instant.now();
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Integer> sweep = () -> {
            together.await();
            return sweeper.sweep(now).await().indefinitely();
        };
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (Future<Integer> swept : replicas.invokeAll(List.of(sweep, sweep))) {
                swept.get();
            }
        } finally {
            replicas.shutdownNow();
        }

        for (String id : slow) {
            catalog.await(id, OrderPlaced.TYPE, 2);
        }
        for (String id : silent) {
            catalog.await(id, OrderRejected.TYPE);
        }
        catalog.all(slow.get(0), Duration.ofSeconds(3));
        for (String id : slow) {
            assertThat(catalog.all(id, Duration.ZERO)).extracting(EventEnvelope::type)
                    .containsExactly(OrderPlaced.TYPE, OrderPlaced.TYPE);
            Orders.get(user, id).then().body("status", equalTo("PENDING")).body("version", equalTo(1));
            assertThat(orders.findById(new ObjectId(id)).await().indefinitely().redrives).isEqualTo(1);
        }
        for (String id : silent) {
            assertThat(catalog.all(id, Duration.ZERO)).extracting(EventEnvelope::type)
                    .containsExactly(OrderPlaced.TYPE, OrderRejected.TYPE);
            Orders.get(user, id).then().body("status", equalTo("REJECTED"))
                    .body("statusHistory.status", equalTo(List.of("PENDING", "REJECTED")))
                    .body("rejection.reason", equalTo("STOCK_TIMEOUT"));
        }
    }

    @Test
    void anOrderWrittenJustBeforeTheServiceStoppedIsPublishedAndCompletesAfterTheRestart() {
        // The state of the database after a crash between the order's write and the relay's publish: the document
        // with its OrderPlaced still in the outbox, and no relay run for it.
        String user = newUser();
        String id = new ObjectId().toHexString();
        FakeWorld.Product product = FakeWorld.product("Handlebar", 119_900, 10);
        Order order = Order.place(id, "SO-2026-CRASH" + id.substring(20, 21).toUpperCase(), user,
                List.of(OrderLine.of(product.id(), product.sku(), product.name(), product.image(),
                        new Money(product.price(), "INR"), 1)),
                new Money(0, "INR"),
                new ShippingAddress("Asha Rao", "+919876543210", "12 MG Road", null, null, "Bengaluru", "Karnataka",
                        "560001", "IN"),
                PaymentMethod.COD, null, new Placement(newKey(), "fingerprint", null, List.of()), Instant.now());
        OrderDocument document = new OrderMapper().toDocument(order);
        document.outbox = List.of(outbox.event(id, order.placed()));
        orders.persist(document).await().indefinitely();

        // The relay's sweep finds the pending event; the saga runs as usual.
        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");
        Eventually.await(() -> orders.findById(new ObjectId(id)).await().indefinitely(), d -> d.outbox.isEmpty(),
                "the outbox emptied");
    }

    @Test
    void anUnreadableInventoryEventGoesToTheDeadLetterTopic() {
        try (TopicProbe dead = TopicProbe.open(DLQ)) {
            String key = new ObjectId().toHexString();
            catalog.sendRaw(Topics.CATALOG_INVENTORY, key, "{not an event");

            assertThat(dead.await(r -> key.equals(r.key()), 1, CatalogRole.WAIT)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("{not an event"));
        }
        // The consumer goes on with the next events.
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Reflector", 1_900, 10), 1));
        String id = placeCod(user);
        catalog.reserve(id);
        awaitStatus(user, id, "CONFIRMED");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void backdate(String orderId, Duration age) {
        Instant then = Instant.now().minus(age);
        orders.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(orderId)),
                Updates.set("createdAt", then)).await().indefinitely();
    }
}
