package dev.shop.catalog.messaging;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.createSimpleProduct;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static dev.shop.catalog.OrderEvents.line;
import static dev.shop.catalog.OrderEvents.newOrderId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.OrderEvents;
import dev.shop.catalog.application.StockReservations;
import dev.shop.catalog.domain.ReservationStatus;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.PurchaseRepository;
import dev.shop.catalog.persistence.ReservationDocument;
import dev.shop.catalog.persistence.ReservationRepository;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReleased;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The catalogue's part of the checkout saga (docs/architecture.md), driven by order events on the real embedded broker and, for
 * the tightest race, by concurrent calls of the application service. Assertions are on stored state (stock, holds,
 * reservations) and on the events published to {@code shop.catalog.inventory.v1}.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class StockSagaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter("catalog-service", "orders");

    @Inject
    StockReservations reservations;
    @Inject
    ProductRepository products;
    @Inject
    ReservationRepository reservationRecords;
    @Inject
    PurchaseRepository purchases;
    @Inject
    IdempotentConsumer idempotent;

    TopicProbe inventory;
    OrderEvents orders;

    @BeforeAll
    static void deadLetterTopic() {
        ShopTestResources.kafka().createTopics(List.of(DLQ));
    }

    @BeforeEach
    void open() {
        inventory = TopicProbe.open(Topics.CATALOG_INVENTORY);
        orders = new OrderEvents();
    }

    @AfterEach
    void close() {
        inventory.close();
        orders.close();
    }

    // ---- the race

    @Test
    void fiftyConcurrentReservationsForTenUnitsReserveExactlyTen() throws Exception {
        String product = createSimpleProduct(10, 10_000);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orderIds.add(newOrderId());
        }

        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<StockReservations.Outcome>> calls = orderIds
                    .stream().<Callable<StockReservations.Outcome>> map(orderId -> () -> reservations
                            .reserve(orderId, "u-race", List.of(new StockRequest.Line(product, 1)))
                            .await().atMost(WAIT))
                    .toList();
            List<StockReservations.Outcome> outcomes = new ArrayList<>();
            for (Future<StockReservations.Outcome> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }

            assertThat(outcomes).filteredOn(o -> o.status() == ReservationStatus.RESERVED).hasSize(10);
            assertThat(outcomes).filteredOn(o -> o.status() == ReservationStatus.REJECTED).hasSize(40)
                    .allSatisfy(o -> assertThat(o.rejections()).singleElement()
                            .satisfies(r -> assertThat(r.reason()).isEqualTo(StockRejected.OUT_OF_STOCK)));
        } finally {
            pool.shutdownNow();
        }

        ProductDocument stored = stored(product);
        assertThat(stored.stock).isZero();
        assertThat(stored.holds).hasSize(10);
        assertThat(stored.holds.stream().map(h -> h.orderId).collect(Collectors.toSet())).hasSize(10);

        Set<String> ours = Set.copyOf(orderIds);
        List<EventEnvelope> decided = awaitInventory(e -> ours.contains(e.aggregateId()), 50);
        assertThat(decided).filteredOn(e -> e.type().equals(StockReserved.TYPE)).hasSize(10);
        assertThat(decided).filteredOn(e -> e.type().equals(StockRejected.TYPE)).hasSize(40);
    }

    @Test
    void fiftyOrderPlacedEventsOnTheBrokerForTenUnitsReserveExactlyTen() {
        String product = createSimpleProduct(10, 10_000);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String orderId = newOrderId();
            orderIds.add(orderId);
            orders.send(orderId, OrderEvents.placed(orderId, "u-" + i, List.of(line(product, 1))));
        }

        Set<String> ours = Set.copyOf(orderIds);
        List<EventEnvelope> decided = awaitInventory(e -> ours.contains(e.aggregateId()), 50);

        assertThat(decided).filteredOn(e -> e.type().equals(StockReserved.TYPE)).hasSize(10);
        assertThat(decided).filteredOn(e -> e.type().equals(StockRejected.TYPE)).hasSize(40);
        assertThat(decided.stream().map(EventEnvelope::aggregateId).distinct()).hasSize(50);
        ProductDocument stored = stored(product);
        assertThat(stored.stock).isZero();
        assertThat(stored.holds).hasSize(10);
        assertThat(reservationRecords.count("status", ReservationStatus.RESERVED.name()).await().atMost(WAIT))
                .isGreaterThanOrEqualTo(10);
        given().when().get("/api/v1/products/" + product).then().statusCode(200);
    }

    // ---- idempotency

    @Test
    void aRedeliveredOrderPlacedTakesNothingTwice() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        String placed = OrderEvents.placed(orderId, "u-1", List.of(line(product, 3)));

        orders.send(orderId, placed);
        awaitProcessed(placed);
        orders.send(orderId, placed);
        // order-service retrying with a new event for the same order
        String again = OrderEvents.placed(orderId, "u-1", List.of(line(product, 3)));
        orders.send(orderId, again);
        awaitProcessed(again);

        assertThat(stored(product).stock).isEqualTo(7);
        assertThat(stored(product).holds).hasSize(1);
        List<EventEnvelope> events = drainInventory(e -> orderId.equals(e.aggregateId()));
        assertThat(events).extracting(EventEnvelope::type).containsExactly(StockReserved.TYPE);
        StockReserved reserved = EventJson.dataAs(events.get(0), StockReserved.class);
        assertThat(reserved.lines()).singleElement().satisfies(l -> {
            assertThat(l.productId()).isEqualTo(product);
            assertThat(l.quantity()).isEqualTo(3);
            assertThat(l.sku()).startsWith("SKU-");
        });
    }

    @Test
    void aReservationInterruptedByACrashIsFinishedWithoutTakingAnyLineTwice() {
        String first = createSimpleProduct(10, 10_000);
        String second = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        // The crashed run recorded the order and took the first line, then died.
        ReservationDocument record = new ReservationDocument();
        record.id = orderId;
        record.userId = "u-crash";
        record.status = ReservationStatus.PENDING.name();
        record.createdAt = Instant.now();
        record.lines.add(new ReservationDocument.LineDocument(first, null, 4));
        record.lines.add(new ReservationDocument.LineDocument(second, null, 2));
        reservationRecords.persist(record).await().atMost(WAIT);
        products.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(first)), Updates.combine(
                Updates.inc("stock", -4), Updates.push("holds", new Document("orderId", orderId)
                        .append("quantity", 4).append("sold", false).append("at", Instant.now()))))
                .await().atMost(WAIT);

        String placed = OrderEvents.placed(orderId, "u-crash", List.of(line(first, 4), line(second, 2)));
        orders.send(orderId, placed);
        awaitProcessed(placed);

        assertThat(stored(first).stock).isEqualTo(6);
        assertThat(stored(second).stock).isEqualTo(8);
        assertThat(status(orderId)).isEqualTo(ReservationStatus.RESERVED);
        assertThat(awaitInventory(e -> orderId.equals(e.aggregateId()), 1)).extracting(EventEnvelope::type)
                .containsExactly(StockReserved.TYPE);
    }

    // ---- all or nothing

    @Test
    void aFailingLineGivesBackTheLinesAlreadyTaken() {
        String plenty = createSimpleProduct(5, 10_000);
        String scarce = createSimpleProduct(1, 10_000);
        String brand = createBrand();
        String category = createCategory("Drafts", null);
        Map<String, Object> draftBody = product(sku(), "Not for sale", brand, category, 100);
        draftBody.put("status", "draft");
        String draft = createProduct(draftBody);
        String unknown = new ObjectId().toHexString();
        String orderId = newOrderId();

        String placed = OrderEvents.placed(orderId, "u-2",
                List.of(line(plenty, 2), line(scarce, 3), line(unknown, 1), line(draft, 1), line(plenty, 1)));
        orders.send(orderId, placed);

        EventEnvelope event = awaitInventory(e -> orderId.equals(e.aggregateId()), 1).get(0);
        assertThat(event.type()).isEqualTo(StockRejected.TYPE);
        StockRejected rejected = EventJson.dataAs(event, StockRejected.class);
        assertThat(rejected.lines()).containsExactly(
                new StockRejected.RejectedLine(scarce, 3, 1, StockRejected.INSUFFICIENT_STOCK),
                new StockRejected.RejectedLine(unknown, 1, 0, StockRejected.NOT_FOUND),
                new StockRejected.RejectedLine(draft, 1, 10, StockRejected.NOT_AVAILABLE));
        assertThat(stored(plenty).stock).isEqualTo(5);
        assertThat(stored(plenty).holds).isEmpty();
        assertThat(stored(scarce).stock).isEqualTo(1);
        assertThat(status(orderId)).isEqualTo(ReservationStatus.REJECTED);
    }

    @Test
    void invalidQuantitiesAreRejectedWithoutTakingAnything() {
        String product = createSimpleProduct(5, 10_000);
        String orderId = newOrderId();

        orders.send(orderId, OrderEvents.placed(orderId, "u-3", List.of(line(product, 2), line(product, -1))));

        StockRejected rejected = EventJson.dataAs(awaitInventory(e -> orderId.equals(e.aggregateId()), 1).get(0),
                StockRejected.class);
        assertThat(rejected.lines()).singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo(StockRejected.INVALID_QUANTITY));
        assertThat(stored(product).stock).isEqualTo(5);
    }

    // ---- release

    @Test
    void aCancelledOrderGetsItsStockBackExactlyOnce() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        orders.send(orderId, OrderEvents.placed(orderId, "u-4", List.of(line(product, 3))));
        awaitInventory(e -> orderId.equals(e.aggregateId()), 1);
        assertThat(stored(product).stock).isEqualTo(7);

        String cancel = OrderEvents.cancelled(orderId, "u-4");
        orders.send(orderId, cancel);
        orders.send(orderId, cancel);
        orders.send(orderId, OrderEvents.cancelled(orderId, "u-4"));
        String reject = OrderEvents.rejected(orderId, "u-4");
        orders.send(orderId, reject);
        awaitProcessed(reject);

        assertThat(stored(product).stock).isEqualTo(10);
        assertThat(stored(product).holds).isEmpty();
        assertThat(status(orderId)).isEqualTo(ReservationStatus.RELEASED);
        List<EventEnvelope> events = drainInventory(e -> orderId.equals(e.aggregateId()));
        assertThat(events).extracting(EventEnvelope::type).containsExactly(StockReserved.TYPE, StockReleased.TYPE);
        StockReleased released = EventJson.dataAs(events.get(1), StockReleased.class);
        assertThat(released.reason()).isEqualTo(StockReleased.ORDER_CANCELLED);
        assertThat(released.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(3));
    }

    @Test
    void concurrentReleasesOfOneOrderGiveBackOnce() throws Exception {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        reservations.reserve(orderId, "u-5", List.of(new StockRequest.Line(product, 4))).await().atMost(WAIT);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> reservations.release(orderId, StockReleased.ORDER_CANCELLED).await().atMost(WAIT));
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(stored(product).stock).isEqualTo(10);
        assertThat(drainInventory(e -> orderId.equals(e.aggregateId())))
                .filteredOn(e -> e.type().equals(StockReleased.TYPE)).hasSize(1);
    }

    @Test
    void anOrderCancelledBeforeItWasPlacedHereReservesNothingLater() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();

        reservations.release(orderId, StockReleased.ORDER_CANCELLED).await().atMost(WAIT);
        StockReservations.Outcome outcome = reservations
                .reserve(orderId, "u-6", List.of(new StockRequest.Line(product, 2))).await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stored(product).stock).isEqualTo(10);
    }

    @Test
    void concurrentRunsOfOneOrderThatMustBeRejectedGiveEveryTakenUnitBack() throws Exception {
        List<String> plenty = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plenty.add(createSimpleProduct(100, 10_000));
        }
        String scarce = createSimpleProduct(3, 10_000);
        List<StockRequest.Line> lines = new ArrayList<>();
        plenty.forEach(p -> lines.add(new StockRequest.Line(p, 2)));
        lines.add(new StockRequest.Line(scarce, 4));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 15; round++) {
                String orderId = newOrderId();
                // Several runs of one OrderPlaced (a rebalance), started a few milliseconds apart: a late one may take
                // a line after an earlier one has rejected the order and given that line back.
                List<Callable<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Duration start = Duration.ofMillis(1 + i * 3L);
                    calls.add(() -> Uni.createFrom().voidItem().onItem().delayIt().by(start)
                            .flatMap(go -> reservations.reserve(orderId, "u-rebalance", lines))
                            .await().atMost(WAIT));
                }
                for (Future<Object> f : pool.invokeAll(calls)) {
                    f.get();
                }
                assertThat(status(orderId)).isEqualTo(ReservationStatus.REJECTED);
                for (String p : plenty) {
                    assertThat(stored(p).stock).as("round %d", round).isEqualTo(100);
                    assertThat(stored(p).holds).as("round %d", round).isEmpty();
                }
                assertThat(stored(scarce).stock).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reservationsRacingCancellationsOfTheSameOrderAlwaysReturnStockToItsExactStartingValue() throws Exception {
        String first = createSimpleProduct(50, 10_000);
        String second = createSimpleProduct(50, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 10; round++) {
                String orderId = newOrderId();
                List<Callable<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    // Placement delivered four times, cancellation twice, started a few milliseconds apart.
                    Duration start = Duration.ofMillis(1 + (i * 5L + round) % 25);
                    calls.add(i % 3 == 2
                            ? () -> Uni.createFrom().voidItem().onItem().delayIt().by(start)
                                    .flatMap(go -> reservations.release(orderId, StockReleased.ORDER_CANCELLED))
                                    .await().atMost(WAIT)
                            : () -> Uni.createFrom().voidItem().onItem().delayIt().by(start)
                                    .flatMap(go -> reservations.reserve(orderId, "u-cancel", List.of(
                                            new StockRequest.Line(first, 3), new StockRequest.Line(second, 1))))
                                    .await().atMost(WAIT));
                }
                for (Future<Object> f : pool.invokeAll(calls)) {
                    f.get();
                }
                assertThat(status(orderId)).isEqualTo(ReservationStatus.RELEASED);
                assertThat(stored(first).stock).as("round %d", round).isEqualTo(50);
                assertThat(stored(second).stock).as("round %d", round).isEqualTo(50);
                assertThat(stored(first).holds).isEmpty();
                assertThat(stored(second).holds).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleaseOfARejectedOrderStillGivesBackAHoldTheOrderWasLeftWith() {
        String product = createSimpleProduct(10, 10_000);
        String scarce = createSimpleProduct(0, 10_000);
        String orderId = newOrderId();
        reservations.reserve(orderId, "u-stray", List.of(new StockRequest.Line(product, 2),
                new StockRequest.Line(scarce, 1))).await().atMost(WAIT);
        assertThat(status(orderId)).isEqualTo(ReservationStatus.REJECTED);
        // A run that lost the decision took the line after the rejection had given the order's stock back.
        products.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(product)), Updates.combine(
                Updates.inc("stock", -2), Updates.push("holds", new Document("orderId", orderId)
                        .append("quantity", 2).append("sold", false).append("at", Instant.now()))))
                .await().atMost(WAIT);

        reservations.release(orderId, StockReleased.ORDER_REJECTED).await().atMost(WAIT);

        assertThat(stored(product).stock).isEqualTo(10);
        assertThat(stored(product).holds).isEmpty();
        assertThat(status(orderId)).isEqualTo(ReservationStatus.REJECTED);
        assertThat(drainInventory(e -> orderId.equals(e.aggregateId()))).extracting(EventEnvelope::type)
                .containsExactly(StockRejected.TYPE);
    }

    @Test
    void linesOfOneProductThatAddUpBeyondThePerLineLimitAreRefusedNotHeld() {
        String product = createSimpleProduct(30_000, 10_000);
        String orderId = newOrderId();

        orders.send(orderId, OrderEvents.placed(orderId, "u-merge", List.of(line(product, 6_000),
                line(product, 5_000))));

        StockRejected rejected = EventJson.dataAs(awaitInventory(e -> orderId.equals(e.aggregateId()), 1).get(0),
                StockRejected.class);
        assertThat(rejected.lines()).singleElement().satisfies(l -> {
            assertThat(l.productId()).isEqualTo(product);
            assertThat(l.requested()).isEqualTo(11_000);
            assertThat(l.reason()).isEqualTo(StockRejected.INVALID_QUANTITY);
        });
        assertThat(stored(product).stock).isEqualTo(30_000);
        assertThat(stored(product).holds).isEmpty();
        assertThat(status(orderId)).isEqualTo(ReservationStatus.REJECTED);
    }

    // ---- sold counts and deliveries

    @Test
    void confirmedUnitsCountAsSoldOnceAndACancellationTakesThemBack() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        orders.send(orderId, OrderEvents.placed(orderId, "u-7", List.of(line(product, 2))));
        String confirmed = OrderEvents.confirmed(orderId, "u-7");
        orders.send(orderId, confirmed);
        String paid = OrderEvents.paid(orderId, "u-7");
        orders.send(orderId, paid);
        awaitProcessed(paid);

        assertThat(stored(product).soldCount).isEqualTo(2);
        assertThat(stored(product).stock).isEqualTo(8);

        String cancel = OrderEvents.cancelled(orderId, "u-7");
        orders.send(orderId, cancel);
        awaitProcessed(cancel);

        assertThat(stored(product).soldCount).isZero();
        assertThat(stored(product).stock).isEqualTo(10);
    }

    @Test
    void aDeliveredOrderIsSoldForGoodAndRecordsThePurchase() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        orders.send(orderId, OrderEvents.placed(orderId, "u-8", List.of(line(product, 2))));
        orders.send(orderId, OrderEvents.confirmed(orderId, "u-8"));
        String delivered = OrderEvents.delivered(orderId, "u-8", List.of(line(product, 2)));
        orders.send(orderId, delivered);
        awaitProcessed(delivered);

        assertThat(stored(product).holds).isEmpty();
        assertThat(stored(product).soldCount).isEqualTo(2);
        assertThat(stored(product).stock).isEqualTo(8);
        assertThat(status(orderId)).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(purchases.hasPurchased("u-8", product).await().atMost(WAIT)).isTrue();
        assertThat(purchases.hasPurchased("u-9", product).await().atMost(WAIT)).isFalse();

        String lateCancel = OrderEvents.cancelled(orderId, "u-8");
        orders.send(orderId, lateCancel);
        awaitProcessed(lateCancel);
        assertThat(stored(product).stock).isEqualTo(8);
    }

    // ---- announcements

    @Test
    void stockLevelsAreAnnouncedAndStockLowOncePerCrossing() {
        String product = createSimpleProduct(6, 10_000);
        try (TopicProbe productEvents = TopicProbe.open(Topics.CATALOG_PRODUCTS)) {
            reserve(product, 2); // 6 -> 4: crosses the threshold of 5
            reserve(product, 1); // 4 -> 3: still below, no new StockLow
            asAdmin().body(Map.of("delta", 10, "reason", "Delivery received"))
                    .when().post("/api/v1/products/" + product + "/stock").then().statusCode(200);
            reserve(product, 9); // 13 -> 4: crosses again

            List<EventEnvelope> lows = drainInventory(e -> product.equals(e.aggregateId())
                    && e.type().equals(StockLow.TYPE));
            assertThat(lows).extracting(e -> EventJson.dataAs(e, StockLow.class).stock()).containsExactly(4, 4);
            assertThat(EventJson.dataAs(lows.get(0), StockLow.class).threshold()).isEqualTo(5);

            List<Integer> levels = productEvents.await(r -> product.equals(r.key())
                    && EventJson.read(r.value()).type().equals(ProductUpdated.TYPE), 4, WAIT).stream()
                    .map(r -> EventJson.dataAs(EventJson.read(r.value()), ProductUpdated.class))
                    .filter(u -> u.changes().contains("stock"))
                    .map(u -> u.product().stock())
                    .toList();
            assertThat(levels).containsExactly(4, 3, 13, 4);
        }
        assertThat(stored(product).publishedStock).isEqualTo(4);
        assertThat(stored(product).stockDirty).isFalse();
    }

    // ---- failures

    @Test
    void unreadableOrderEventsGoToTheDeadLetterTopicAndTheNextIsApplied() {
        String product = createSimpleProduct(10, 10_000);
        String orderId = newOrderId();
        try (TopicProbe deadLetters = TopicProbe.open(DLQ)) {
            String noLines = OrderEvents.envelope("OrderPlaced", orderId, Map.of("orderId", orderId));
            orders.send(orderId, "not an event at all");
            orders.send(orderId, noLines);
            String good = OrderEvents.placed(orderId, "u-10", List.of(line(product, 1)));
            orders.send(orderId, good);

            List<ConsumerRecord<String, String>> dead = deadLetters.await(r -> orderId.equals(r.key()), 2, WAIT);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("not an event at all", noLines);
            awaitProcessed(good);
            assertThat(stored(product).stock).isEqualTo(9);
        }
    }

    @Test
    void deadLettersAreListedWithTheirReasonForAdminsOnTheServicesOwnPort() {
        String orderId = newOrderId();
        try (TopicProbe deadLetters = TopicProbe.open(DLQ)) {
            orders.send(orderId, OrderEvents.envelope("OrderPlaced", orderId, Map.of("orderId", orderId)));
            deadLetters.await(r -> orderId.equals(r.key()), 1, WAIT);
        }

        given().auth().oauth2(dev.shop.testkit.TestTokens.admin("ops-1")).queryParam("limit", 1000)
                .when().get("/internal/dead-letters/" + OrderEventsConsumer.CHANNEL)
                .then().statusCode(200)
                .body("find { it.key == '" + orderId + "' }.reason", org.hamcrest.Matchers.containsString("no lines"))
                .body("find { it.key == '" + orderId + "' }.originalTopic", org.hamcrest.Matchers.equalTo(Topics.ORDERS));
        given().auth().oauth2(dev.shop.testkit.TestTokens.admin("ops-1")).when().get("/internal/dead-letters")
                .then().statusCode(200)
                .body("find { it.channel == 'orders' }.topic", org.hamcrest.Matchers.equalTo(DLQ));
        given().auth().oauth2(dev.shop.testkit.TestTokens.customer("u-1")).when().get("/internal/dead-letters")
                .then().statusCode(403);
    }

    // ---- helpers

    private void reserve(String product, int quantity) {
        reservations.reserve(newOrderId(), "u-levels", List.of(new StockRequest.Line(product, quantity)))
                .await().atMost(WAIT);
    }

    private ProductDocument stored(String id) {
        return products.findById(new ObjectId(id)).await().atMost(WAIT);
    }

    private ReservationStatus status(String orderId) {
        return ReservationStatus.valueOf(reservationRecords.findById(orderId).await().atMost(WAIT).status);
    }

    private void awaitProcessed(String envelope) {
        String eventId = OrderEvents.eventId(envelope);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!idempotent.hasProcessed(OrderEventsConsumer.CONSUMER, eventId).await().atMost(WAIT)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("event " + eventId + " was not processed within " + WAIT);
            }
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)).await().indefinitely();
        }
    }

    private List<EventEnvelope> awaitInventory(Predicate<EventEnvelope> filter, int count) {
        return inventory.await(r -> filter.test(EventJson.read(r.value())), count, WAIT).stream()
                .map(r -> EventJson.read(r.value())).toList();
    }

    /** Everything matching that arrives within a quiet period, to show that nothing more comes. */
    private List<EventEnvelope> drainInventory(Predicate<EventEnvelope> filter) {
        return inventory.drain(Duration.ofSeconds(3)).stream().map(r -> EventJson.read(r.value())).filter(filter)
                .toList();
    }
}
