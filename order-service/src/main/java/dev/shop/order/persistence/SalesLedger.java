package dev.shop.order.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The sales counters analytics answers from, so that no request ever reads the orders themselves: units and orders per
 * product and day ({@value #PRODUCT_DAYS}), orders, revenue and units per day and currency ({@value #DAYS}), plus the
 * memory of each order ({@value #ORDERS}, see {@link SaleDocument}).
 * <p>
 * <b>Exactly once without transactions.</b> While an order is being counted, each counter document lists it in
 * {@code applied}, and the increment is conditional on the order not being listed, in the same single-document update:
 * a redelivery or a second delivery adds nothing. Once every counter counts the order and the sale is {@code COUNTED},
 * the order is pulled from the lists again, so they hold only the orders being counted at the moment. Taking a counted
 * sale back out works the same way with a second list, {@code reverted}.
 * <p>
 * <b>Fences.</b> A delivery decides to count after seeing the sale {@code COUNTING}; if it stalls there while another
 * one counts, finishes and pulls the order from the lists, its late increment must not count again. So every pull of
 * an order from a list also increments a fence of that counter document ({@code fence.b<n>}, one of
 * {@value #FENCE_BUCKETS} by order id, so that the pulls of other orders rarely get in the way), and a pass over the
 * counters reads the fences <i>before</i> it checks the sale's state, then writes only while they are unchanged (see
 * {@link #startPass}). A pass that finds a fence moved looks again, and then finds the sale counted.
 */
@ApplicationScoped
public class SalesLedger {

    public static final String ORDERS = "sales_orders";
    public static final String PRODUCT_DAYS = "sales_product_days";
    public static final String DAYS = "sales_days";

    static final String APPLIED = "applied";
    static final String REVERTED = "reverted";
    static final int FENCE_BUCKETS = 16;
    /** Passes over the counters before giving up on a burst of other orders' pulls (the event is retried later). */
    private static final int PASSES = 20;

    /** A product's units and orders over some days. */
    public record ProductTotal(String productId, long units, long orders) {
    }

    /** One day of sales. */
    public record DayTotal(String day, long orders, long revenue, long units) {
    }

    /**
     * One counter document a sale counts in, and what it adds there.
     *
     * @param identity fields written when the counter is created
     * @param amounts what the sale adds to each field
     */
    public record Counter(String collection, String key, Map<String, Object> identity, Map<String, Long> amounts) {
    }

    /** The two guarded changes of the counters: counting a sale, and taking a counted sale back out. */
    public enum Step {
        /** Adds the sale while it is {@code COUNTING}, listing it in {@code applied}. */
        COUNT(Filters.eq("state", SaleDocument.COUNTING), APPLIED),
        /** Takes a sale that was {@code COUNTED} back out while it is {@code REVERTING}, listing it in {@code reverted}. */
        UNCOUNT(Filters.and(Filters.eq("state", SaleDocument.REVERTING),
                Filters.eq("revertingFrom", SaleDocument.COUNTED)), REVERTED);

        private final Bson saleIn;
        private final String list;

        Step(Bson saleIn, String list) {
            this.saleIn = saleIn;
            this.list = list;
        }
    }

    /**
     * What a pass over the counters saw: the fence of each counter for the order, read before the sale was seen in
     * the state the step needs.
     */
    public record Pass(String orderId, Step step, List<Counter> counters, List<Long> fences) {
    }

    private final SaleRepository sales;

    public SalesLedger(SaleRepository sales) {
        this.sales = sales;
    }

    // ---- the memory of each order

    public Uni<Optional<SaleDocument>> find(String orderId) {
        return sales.findById(orderId).map(Optional::ofNullable);
    }

    /** Remembers a new order once; a second call (redelivery) changes nothing. */
    public Uni<Void> remember(SaleDocument sale) {
        return sales.persist(sale).replaceWithVoid().onFailure(MongoErrors::isDuplicateKey).recoverWithNull();
    }

    /** PLACED to COUNTING, counting on {@code day}; false when the sale was not placed any more. */
    public Uni<Boolean> startCounting(String orderId, String day, Instant at) {
        return move(orderId, SaleDocument.PLACED, SaleDocument.COUNTING,
                Updates.combine(Updates.set("day", day), Updates.set("countedAt", at)));
    }

    /** COUNTING to COUNTED, once every counter counts the sale. */
    public Uni<Boolean> finishCounting(String orderId) {
        return move(orderId, SaleDocument.COUNTING, SaleDocument.COUNTED, null);
    }

    /** {@code from} (COUNTING or COUNTED) to REVERTING, remembering which, since that decides how to uncount. */
    public Uni<Boolean> startReverting(String orderId, String from) {
        return move(orderId, from, SaleDocument.REVERTING, Updates.set("revertingFrom", from));
    }

    /** REVERTING to REVERTED, once no counter counts the sale any more. */
    public Uni<Boolean> finishReverting(String orderId, Instant at) {
        return move(orderId, SaleDocument.REVERTING, SaleDocument.REVERTED, Updates.set("revertedAt", at));
    }

    /** PLACED to REVERTED: a sale that never counted, and never will. */
    public Uni<Boolean> dropUncounted(String orderId, Instant at) {
        return move(orderId, SaleDocument.PLACED, SaleDocument.REVERTED, Updates.set("revertedAt", at));
    }

    private Uni<Boolean> move(String orderId, String from, String to, Bson alsoSet) {
        Bson update = alsoSet == null ? Updates.set("state", to) : Updates.combine(Updates.set("state", to), alsoSet);
        return sales.mongoCollection().updateOne(Filters.and(Filters.eq("_id", orderId), Filters.eq("state", from)),
                update).map(r -> r.getModifiedCount() == 1);
    }

    // ---- counters

    /**
     * The counters a sale counts in: one per product it sold on its day (lines of one product together), and its day
     * in its currency. The sale's {@code day} must be set.
     */
    public static List<Counter> counters(SaleDocument sale) {
        Map<String, Long> units = new LinkedHashMap<>();
        for (SaleDocument.SoldLine l : sale.lines) {
            units.merge(l.productId, (long) l.quantity, Long::sum);
        }
        List<Counter> counters = new ArrayList<>();
        units.forEach((productId, n) -> counters.add(new Counter(PRODUCT_DAYS, productId + "|" + sale.day,
                ordered("productId", productId, "day", sale.day), ordered("units", n, "orders", 1L))));
        long total = units.values().stream().mapToLong(Long::longValue).sum();
        counters.add(new Counter(DAYS, sale.day + "|" + sale.total.currency,
                ordered("day", sale.day, "currency", sale.total.currency),
                ordered("orders", 1L, "revenue", sale.total.amount, "units", total)));
        return counters;
    }

    /** Adds the order to each counter that does not count it yet, while the sale is COUNTING. */
    public Uni<Void> count(String orderId, List<Counter> counters) {
        return passes(orderId, Step.COUNT, counters, PASSES);
    }

    /** Takes a COUNTED sale out of each counter not done yet, while it is REVERTING. */
    public Uni<Void> uncountCounted(String orderId, List<Counter> counters) {
        return passes(orderId, Step.UNCOUNT, counters, PASSES);
    }

    /**
     * Takes a sale that was still COUNTING when it was cancelled out of the counters that list it in {@code applied}
     * (the others never counted it). Each counter's fence moves first: a pass that saw the sale COUNTING cannot count
     * it afterwards, and one that did before is taken back out by the guarded decrement.
     */
    public Uni<Void> uncountPartly(String orderId, List<Counter> counters) {
        String fence = fenceField(orderId);
        return each(counters, c -> {
            ReactiveMongoCollection<Document> collection = counters(c.collection());
            Bson raise = Updates.combine(onInsert(c), Updates.inc(fence, 1L));
            return collection.updateOne(Filters.eq("_id", c.key()), raise, new UpdateOptions().upsert(true))
                    .onFailure(MongoErrors::isDuplicateKey)
                    .recoverWithUni(() -> collection.updateOne(Filters.eq("_id", c.key()), raise))
                    .flatMap(raised -> collection.updateOne(
                            Filters.and(Filters.eq("_id", c.key()), Filters.eq(APPLIED, orderId)),
                            Updates.combine(amounts(c, -1), Updates.pull(APPLIED, orderId), Updates.inc(fence, 1L))))
                    .replaceWithVoid();
        });
    }

    /** Pulls a COUNTED sale from the counters' {@code applied} lists (a leftover after a crash is only a leftover). */
    public Uni<Void> forgetCounted(String orderId, List<Counter> counters) {
        return forget(orderId, counters, APPLIED);
    }

    /** Pulls a REVERTED sale from the counters' {@code reverted} lists. */
    public Uni<Void> forgetReverted(String orderId, List<Counter> counters) {
        return forget(orderId, counters, REVERTED);
    }

    private Uni<Void> forget(String orderId, List<Counter> counters, String list) {
        String fence = fenceField(orderId);
        return each(counters, c -> counters(c.collection())
                .updateOne(Filters.and(Filters.eq("_id", c.key()), Filters.eq(list, orderId)),
                        Updates.combine(Updates.pull(list, orderId), Updates.inc(fence, 1L)))
                .replaceWithVoid());
    }

    /**
     * The first half of a pass: reads the order's fence in each counter, then checks the sale is in the state
     * {@code step} needs. Empty when it is not (someone else finished the step, or the sale moved on).
     */
    public Uni<Optional<Pass>> startPass(String orderId, Step step, List<Counter> counters) {
        String fence = fenceField(orderId);
        return Multi.createFrom().iterable(counters)
                .onItem().transformToUniAndConcatenate(c -> counters(c.collection())
                        .find(Filters.eq("_id", c.key()), new FindOptions().projection(Projections.include(fence)))
                        .collect().first()
                        .map(d -> d == null ? 0L
                                : number(d.getEmbedded(List.of("fence", bucket(orderId)),
                                        Object.class))))
                .collect().asList()
                .flatMap(fences -> sales.mongoCollection()
                        .countDocuments(Filters.and(Filters.eq("_id", orderId), step.saleIn))
                        .map(n -> n == 1 ? Optional.of(new Pass(orderId, step, counters, fences))
                                : Optional.<Pass> empty()));
    }

    /**
     * The second half of a pass: changes each counter that does not list the order yet, unless its fence moved since
     * the pass started.
     *
     * @return the counters left to do (their fence moved): start a new pass for them
     */
    public Uni<List<Counter>> finishPass(Pass pass) {
        String fence = fenceField(pass.orderId());
        String list = pass.step().list;
        List<Integer> indexes = IntStream.range(0, pass.counters().size()).boxed().toList();
        return Multi.createFrom().iterable(indexes)
                .onItem().transformToUniAndConcatenate(i -> {
                    Counter c = pass.counters().get(i);
                    long seen = pass.fences().get(i);
                    Bson filter = Filters.and(Filters.eq("_id", c.key()), Filters.ne(list, pass.orderId()),
                            seen == 0 ? Filters.exists(fence, false) : Filters.eq(fence, seen));
                    Bson update = pass.step() == Step.COUNT
                            ? Updates.combine(onInsert(c), amounts(c, 1), Updates.push(APPLIED, pass.orderId()))
                            : Updates.combine(amounts(c, -1), Updates.pull(APPLIED, pass.orderId()),
                                    Updates.push(REVERTED, pass.orderId()), Updates.inc(fence, 1L));
                    // A new counter is created by the first sale counted in it; never by a sale taken out.
                    boolean create = pass.step() == Step.COUNT && seen == 0;
                    ReactiveMongoCollection<Document> collection = counters(c.collection());
                    return collection.updateOne(filter, update, new UpdateOptions().upsert(create))
                            .map(r -> r.getModifiedCount() == 1 || r.getUpsertedId() != null)
                            .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(false)
                            .flatMap(changed -> changed ? Uni.createFrom().item(Optional.<Counter> empty())
                                    // Unchanged: done already (listed), or the fence moved.
                                    : collection.countDocuments(Filters.and(Filters.eq("_id", c.key()),
                                            Filters.eq(list, pass.orderId())))
                                            .map(listed -> listed > 0 ? Optional.<Counter> empty() : Optional.of(c)));
                })
                .collect().asList()
                .map(left -> left.stream().flatMap(Optional::stream).toList());
    }

    private Uni<Void> passes(String orderId, Step step, List<Counter> counters, int left) {
        if (counters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return startPass(orderId, step, counters).flatMap(pass -> {
            if (pass.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return finishPass(pass.get()).flatMap(todo -> {
                if (!todo.isEmpty() && left <= 1) {
                    return Uni.createFrom().failure(new IllegalStateException("The counters of order " + orderId
                            + " kept changing; " + todo.size() + " left to " + step.name().toLowerCase()));
                }
                return passes(orderId, step, todo, left - 1);
            });
        });
    }

    static String fenceField(String orderId) {
        return "fence." + bucket(orderId);
    }

    private static String bucket(String orderId) {
        return "b" + Math.floorMod(orderId.hashCode(), FENCE_BUCKETS);
    }

    private static Bson onInsert(Counter c) {
        return Updates.combine(c.identity().entrySet().stream()
                .map(e -> Updates.setOnInsert(e.getKey(), e.getValue())).toList());
    }

    private static Bson amounts(Counter c, int sign) {
        return Updates.combine(c.amounts().entrySet().stream()
                .map(e -> Updates.inc(e.getKey(), sign * e.getValue())).toList());
    }

    private static Uni<Void> each(List<Counter> counters, Function<Counter, Uni<Void>> change) {
        return Multi.createFrom().iterable(counters)
                .onItem().transformToUniAndConcatenate(c -> change.apply(c).replaceWith(true))
                .collect().asList().replaceWithVoid();
    }

    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }

    // ---- queries

    /**
     * Products by units sold from {@code fromDay} on, most first (ties by product id), at most {@code limit}.
     *
     * @param only when present, only these products
     * @param except products to leave out
     */
    public Uni<List<ProductTotal>> topProducts(String fromDay, Optional<Collection<String>> only,
            Collection<String> except, int limit) {
        List<Bson> match = new ArrayList<>();
        match.add(Filters.gte("day", fromDay));
        only.ifPresent(ids -> match.add(Filters.in("productId", ids)));
        if (!except.isEmpty()) {
            match.add(Filters.nin("productId", except));
        }
        List<Bson> pipeline = List.of(
                Aggregates.match(Filters.and(match)),
                Aggregates.group("$productId", Accumulators.sum("units", "$units"),
                        Accumulators.sum("orders", "$orders")),
                Aggregates.match(Filters.gt("units", 0)),
                Aggregates.sort(Sorts.orderBy(Sorts.descending("units"), Sorts.ascending("_id"))),
                Aggregates.limit(limit));
        return counters(PRODUCT_DAYS).aggregate(pipeline)
                .map(d -> new ProductTotal(d.getString("_id"), number(d, "units"), number(d, "orders")))
                .collect().asList();
    }

    /** The days between {@code fromDay} and {@code toDay} (inclusive) that had sales in {@code currency}. */
    public Uni<List<DayTotal>> days(String fromDay, String toDay, String currency) {
        return counters(DAYS)
                .find(Filters.and(Filters.eq("currency", currency), Filters.gte("day", fromDay),
                        Filters.lte("day", toDay)))
                .map(d -> new DayTotal(d.getString("day"), number(d, "orders"), number(d, "revenue"),
                        number(d, "units")))
                .collect().asList();
    }

    /** When {@code at} happened, as a day in {@code zone} ({@code yyyy-MM-dd}, which sorts as text). */
    public static String day(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).toString();
    }

    private static long number(Document d, String field) {
        return number(d.get(field));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private ReactiveMongoCollection<Document> counters(String name) {
        return sales.mongoDatabase().getCollection(name);
    }
}
