package dev.shop.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.order.application.SalesAnalytics;
import dev.shop.order.support.FakeWorld;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counters count each order exactly once, whatever is repeated, raced or interrupted: the guarantee analytics'
 * numbers rest on when an event is redelivered after a crash between two writes, or two deliveries run at once. And
 * the counters list only the orders being counted at the moment, so a busy day's documents do not grow with its
 * orders.
 * <p>
 * Each test sells on days of 1997 no other test uses, two products of its own: 2 brake pads at 10000 and 1 can of
 * oil at 5000, so a sale is worth 25000 and 3 units.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class SalesLedgerTest {

    private static final long WORTH = 25_000;

    @Inject
    SalesLedger ledger;
    @Inject
    SalesAnalytics analytics;
    @Inject
    SaleRepository sales;

    /** An order of the two products of {@code pads} and {@code oil}, sold at {@code at}. */
    record Sale(String id, String pads, String oil, Instant at) {
        String day() {
            return at.toString().substring(0, 10);
        }
    }

    @Test
    void countedAndCancelledOrdersLeaveNoOrderListedInTheCounters() {
        Sale a = placed("1997-01-02");
        Sale b = placed(a);
        Sale c = placed(a);
        sold(a);
        sold(b);
        sold(c);
        assertCounted(a, 3);
        cancelled(c);

        assertCounted(a, 2);
        assertNothingListed(a);
    }

    @Test
    void everyEventDeliveredAgainAtEveryStepChangesNoNumber() {
        Sale sale = placed("1997-01-03");
        placed(sale.id(), sale);
        assertCounted(sale, 0);
        sold(sale);
        sold(sale);
        placed(sale.id(), sale);
        assertCounted(sale, 1);
        assertNothingListed(sale);
        cancelled(sale);
        cancelled(sale);
        assertCounted(sale, 0);
        sold(sale);
        analytics.rejected(sale.id(), sale.at()).await().indefinitely();
        placed(sale.id(), sale);
        cancelled(sale);

        assertCounted(sale, 0);
        assertNothingListed(sale);
    }

    @Test
    void aCrashBetweenAnyTwoStepsOfCountingIsMendedByTheRedelivery() {
        for (int crashAfter = 1; crashAfter <= 5; crashAfter++) {
            Sale sale = placed("1997-02-1" + crashAfter);
            List<Consumer<List<SalesLedger.Counter>>> steps = List.of(
                    counters -> ledger.startCounting(sale.id(), sale.day(), sale.at()).await().indefinitely(),
                    counters -> ledger.count(sale.id(), counters.subList(0, 1)).await().indefinitely(),
                    counters -> ledger.count(sale.id(), counters).await().indefinitely(),
                    counters -> ledger.finishCounting(sale.id()).await().indefinitely(),
                    counters -> ledger.forgetCounted(sale.id(), counters.subList(0, 1)).await().indefinitely());
            for (Consumer<List<SalesLedger.Counter>> step : steps.subList(0, crashAfter)) {
                step.accept(counters(sale));
            }

            sold(sale);

            assertCounted(sale, 1);
            assertNothingListed(sale);
        }
    }

    @Test
    void aCrashBetweenAnyTwoStepsOfTakingACountedSaleBackIsMendedByTheRedelivery() {
        for (int crashAfter = 1; crashAfter <= 5; crashAfter++) {
            Sale sale = placed("1997-03-1" + crashAfter);
            sold(sale);
            List<Consumer<List<SalesLedger.Counter>>> steps = List.of(
                    counters -> ledger.startReverting(sale.id(), SaleDocument.COUNTED).await().indefinitely(),
                    counters -> ledger.uncountCounted(sale.id(), counters.subList(0, 1)).await().indefinitely(),
                    counters -> ledger.uncountCounted(sale.id(), counters).await().indefinitely(),
                    counters -> ledger.finishReverting(sale.id(), sale.at()).await().indefinitely(),
                    counters -> ledger.forgetReverted(sale.id(), counters.subList(0, 1)).await().indefinitely());
            for (Consumer<List<SalesLedger.Counter>> step : steps.subList(0, crashAfter)) {
                step.accept(counters(sale));
            }

            cancelled(sale);
            sold(sale);

            assertCounted(sale, 0);
            assertNothingListed(sale);
        }
    }

    @Test
    void aSaleCancelledWhileBeingCountedIsTakenOutOfTheCountersThatCountedItOnly() {
        // Counting stopped after the first counter, then the cancellation.
        Sale halfCounted = placed("1997-04-01");
        ledger.startCounting(halfCounted.id(), halfCounted.day(), halfCounted.at()).await().indefinitely();
        ledger.count(halfCounted.id(), counters(halfCounted).subList(0, 1)).await().indefinitely();
        cancelled(halfCounted);
        assertCounted(halfCounted, 0);
        assertNothingListed(halfCounted);

        // The same, and the cancellation stopped after the first counter too; redelivered.
        Sale twiceInterrupted = placed("1997-04-02");
        ledger.startCounting(twiceInterrupted.id(), twiceInterrupted.day(), twiceInterrupted.at()).await()
                .indefinitely();
        ledger.count(twiceInterrupted.id(), counters(twiceInterrupted).subList(0, 2)).await().indefinitely();
        ledger.startReverting(twiceInterrupted.id(), SaleDocument.COUNTING).await().indefinitely();
        ledger.uncountPartly(twiceInterrupted.id(), counters(twiceInterrupted).subList(0, 1)).await().indefinitely();
        cancelled(twiceInterrupted);
        sold(twiceInterrupted);

        assertCounted(twiceInterrupted, 0);
        assertNothingListed(twiceInterrupted);
    }

    @Test
    void aDeliveryThatSawTheSaleBeforeAnotherOneFinishedChangesNoNumber() {
        // It saw the sale being counted; another delivery counts it, marks it counted and pulls it from the lists.
        Sale counted = placed("1997-05-01");
        ledger.startCounting(counted.id(), counted.day(), counted.at()).await().indefinitely();
        SalesLedger.Pass late = pass(counted, SalesLedger.Step.COUNT);
        sold(counted);
        assertThat(ledger.finishPass(late).await().indefinitely()).as("left to a new pass").hasSize(3);
        ledger.count(counted.id(), counters(counted)).await().indefinitely();
        assertCounted(counted, 1);
        assertNothingListed(counted);

        // It saw a counted sale being taken back out; another delivery finishes that.
        Sale reverted = placed("1997-05-02");
        sold(reverted);
        ledger.startReverting(reverted.id(), SaleDocument.COUNTED).await().indefinitely();
        SalesLedger.Pass lateReversal = pass(reverted, SalesLedger.Step.UNCOUNT);
        cancelled(reverted);
        ledger.finishPass(lateReversal).await().indefinitely();
        assertCounted(reverted, 0);
        assertNothingListed(reverted);

        // It saw the sale being counted; the order is cancelled before any counter counted it.
        Sale cancelledFirst = placed("1997-05-03");
        ledger.startCounting(cancelledFirst.id(), cancelledFirst.day(), cancelledFirst.at()).await().indefinitely();
        SalesLedger.Pass lateCount = pass(cancelledFirst, SalesLedger.Step.COUNT);
        cancelled(cancelledFirst);
        ledger.finishPass(lateCount).await().indefinitely();
        assertCounted(cancelledFirst, 0);
        assertNothingListed(cancelledFirst);
    }

    @Test
    void concurrentDeliveriesOfOneEventCountOnce() throws Exception {
        Sale sale = placed("1997-06-01");
        race(8, () -> sold(sale));
        assertCounted(sale, 1);
        assertNothingListed(sale);

        race(8, () -> cancelled(sale));
        assertCounted(sale, 0);
        assertNothingListed(sale);

        // A confirmation and a cancellation delivered at once, four times each: whichever wins, nothing stays counted.
        Sale raced = placed("1997-06-02");
        List<Runnable> both = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            both.add(() -> sold(raced));
            both.add(() -> cancelled(raced));
        }
        race(both);
        assertCounted(raced, 0);
        assertNothingListed(raced);
    }

    @Test
    void twentyOrdersRacingToCreateTheSameCountersAreAllCounted() throws Exception {
        Sale first = placed("1997-06-03");
        List<Runnable> orders = new ArrayList<>();
        orders.add(() -> sold(first));
        for (int i = 1; i < 20; i++) {
            Sale sale = placed(first);
            orders.add(() -> sold(sale));
        }
        race(orders);

        assertCounted(first, 20);
        assertNothingListed(first);
    }

    @Test
    void countersListingOrdersFromBeforeKeepWorkingAndLoseAnOrderWhenItIsNextTouched() {
        // As an earlier version left them: every order of the day listed, never pulled.
        String day = "1997-07-01";
        String pads = FakeWorld.newId();
        String oil = FakeWorld.newId();
        String untouched = FakeWorld.newId();
        Sale counted = new Sale(FakeWorld.newId(), pads, oil, Instant.parse(day + "T10:00:00Z"));
        Sale reverting = new Sale(FakeWorld.newId(), pads, oil, counted.at());
        List<String> listed = List.of(untouched, counted.id(), reverting.id());
        collection(SalesLedger.PRODUCT_DAYS).insertOne(new Document("_id", pads + "|" + day).append("productId", pads)
                .append("day", day).append("units", 6L).append("orders", 3L).append("applied", listed)).await()
                .indefinitely();
        collection(SalesLedger.PRODUCT_DAYS).insertOne(new Document("_id", oil + "|" + day).append("productId", oil)
                .append("day", day).append("units", 3L).append("orders", 3L).append("applied", listed)).await()
                .indefinitely();
        collection(SalesLedger.DAYS).insertOne(new Document("_id", day + "|INR").append("day", day)
                .append("currency", "INR").append("orders", 3L).append("revenue", 3 * WORTH).append("units", 9L)
                .append("applied", listed)).await().indefinitely();
        legacySale(counted, SaleDocument.COUNTED);
        legacySale(reverting, SaleDocument.REVERTING);

        // A redelivered confirmation pulls its order; the cancellation of another half-done one finishes it.
        sold(counted);
        cancelled(reverting);
        assertCounted(counted, 2);
        assertThat(counter(SalesLedger.DAYS, day + "|INR").getList("applied", String.class))
                .containsExactly(untouched);

        cancelled(counted);
        assertCounted(counted, 1);
        for (Document c : counters(counted.pads(), counted.oil(), day)) {
            assertThat(c.getList("applied", String.class)).containsExactly(untouched);
            assertThat(c.getList("reverted", String.class, List.of())).isEmpty();
        }
    }

    // ---- the orders

    private Sale placed(String day) {
        return placed(FakeWorld.newId(), new Sale(null, FakeWorld.newId(), FakeWorld.newId(),
                Instant.parse(day + "T10:00:00Z")));
    }

    /** Another order of the same products on the same day. */
    private Sale placed(Sale like) {
        return placed(FakeWorld.newId(), like);
    }

    private Sale placed(String id, Sale like) {
        Sale sale = new Sale(id, like.pads(), like.oil(), like.at());
        List<OrderLine> lines = lines(sale);
        Money total = new Money(WORTH, "INR");
        Money zero = new Money(0, "INR");
        analytics.placed(new OrderPlaced(id, "SO-1997-X", "u", lines, total, zero, zero, total, "COD",
                sale.at().minusSeconds(60))).await().indefinitely();
        return sale;
    }

    private void sold(Sale sale) {
        analytics.sold(sale.id(), lines(sale), null, sale.at()).await().indefinitely();
    }

    private void cancelled(Sale sale) {
        analytics.cancelled(sale.id(), sale.at().plusSeconds(60)).await().indefinitely();
    }

    private static List<OrderLine> lines(Sale sale) {
        return List.of(line(sale.pads(), 2, 10_000), line(sale.oil(), 1, 5_000));
    }

    private static OrderLine line(String productId, int quantity, long unitPrice) {
        Money unit = new Money(unitPrice, "INR");
        return new OrderLine(productId, "SKU", "Product", unit, quantity, unit.times(quantity));
    }

    private void legacySale(Sale sale, String state) {
        SaleDocument document = new SaleDocument();
        document.id = sale.id();
        document.state = state;
        document.day = sale.day();
        document.total = MoneyDocument.of(new Money(WORTH, "INR"));
        document.lines = new ArrayList<>(lines(sale).stream().map(l -> {
            SaleDocument.SoldLine line = new SaleDocument.SoldLine();
            line.productId = l.productId();
            line.quantity = l.quantity();
            line.unitPrice = MoneyDocument.of(l.unitPrice());
            return line;
        }).toList());
        sales.persist(document).await().indefinitely();
    }

    // ---- the ledger's steps

    /** The counters of the sale, as the ledger's steps take them once its day is known. */
    private List<SalesLedger.Counter> counters(Sale sale) {
        SaleDocument stored = ledger.find(sale.id()).await().indefinitely().orElseThrow();
        stored.day = sale.day();
        return SalesLedger.counters(stored);
    }

    private SalesLedger.Pass pass(Sale sale, SalesLedger.Step step) {
        Optional<SalesLedger.Pass> pass = ledger.startPass(sale.id(), step, counters(sale)).await().indefinitely();
        assertThat(pass).as("the sale is in the state the step needs").isPresent();
        return pass.get();
    }

    private static void race(int times, Runnable delivery) throws Exception {
        List<Runnable> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.add(delivery);
        }
        race(all);
    }

    private static void race(List<Runnable> deliveries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        try {
            List<Callable<Void>> calls = deliveries.stream().<Callable<Void>> map(d -> () -> {
                d.run();
                return null;
            }).toList();
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the counters

    /** What the counters of the sale's day and products hold: {@code orders} sales like it. */
    private void assertCounted(Sale sale, int orders) {
        Document day = counter(SalesLedger.DAYS, sale.day() + "|INR");
        assertThat(number(day, "orders")).as("orders of the day").isEqualTo(orders);
        assertThat(number(day, "revenue")).as("revenue of the day").isEqualTo(orders * WORTH);
        assertThat(number(day, "units")).as("units of the day").isEqualTo(orders * 3L);
        Document pads = counter(SalesLedger.PRODUCT_DAYS, sale.pads() + "|" + sale.day());
        assertThat(number(pads, "units")).as("pads sold").isEqualTo(orders * 2L);
        assertThat(number(pads, "orders")).as("orders of pads").isEqualTo(orders);
        Document oil = counter(SalesLedger.PRODUCT_DAYS, sale.oil() + "|" + sale.day());
        assertThat(number(oil, "units")).as("oil sold").isEqualTo(orders);
        assertThat(number(oil, "orders")).as("orders of oil").isEqualTo(orders);
    }

    private void assertNothingListed(Sale sale) {
        for (Document c : counters(sale.pads(), sale.oil(), sale.day())) {
            assertThat(c.getList("applied", String.class, List.of())).as("orders being counted in %s", c.get("_id"))
                    .isEmpty();
            assertThat(c.getList("reverted", String.class, List.of()))
                    .as("orders being taken out of %s", c.get("_id")).isEmpty();
        }
    }

    private List<Document> counters(String pads, String oil, String day) {
        List<Document> all = new ArrayList<>();
        // A sale cancelled before anything counted it may have left no counter at all.
        for (Document d : Arrays.asList(counter(SalesLedger.DAYS, day + "|INR"),
                counter(SalesLedger.PRODUCT_DAYS, pads + "|" + day), counter(SalesLedger.PRODUCT_DAYS, oil + "|" + day))) {
            if (d != null) {
                all.add(d);
            }
        }
        return all;
    }

    private Document counter(String collection, String id) {
        return collection(collection).find(Filters.eq("_id", id)).collect().first().await().indefinitely();
    }

    private ReactiveMongoCollection<Document> collection(String name) {
        return sales.mongoDatabase().getCollection(name);
    }

    private static long number(Document d, String field) {
        return d == null || d.get(field) == null ? 0 : d.get(field, Number.class).longValue();
    }
}
