package dev.shop.order.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The sales counters analytics answers from, so that no request ever reads the orders themselves: units and orders per
 * product and day ({@value #PRODUCT_DAYS}), orders, revenue and units per day and currency ({@value #DAYS}), plus the
 * memory of each order ({@value #ORDERS}, see {@link SaleDocument}).
 * <p>
 * Each counter document lists the orders it counts ({@code applied}), and an increment is conditional on the order not
 * being listed (a decrement on it being listed), in the same single-document update. So however often an event is
 * delivered or a crash interrupts the counting, an order is counted exactly once per counter, without transactions.
 * The lists are bounded by one day's orders.
 */
@ApplicationScoped
public class SalesLedger {

    public static final String ORDERS = "sales_orders";
    public static final String PRODUCT_DAYS = "sales_product_days";
    public static final String DAYS = "sales_days";

    /** A product's units and orders over some days. */
    public record ProductTotal(String productId, long units, long orders) {
    }

    /** One day of sales. */
    public record DayTotal(String day, long orders, long revenue, long units) {
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

    /** Moves the order's memory from one state to the next; false when it was not in {@code from} any more. */
    public Uni<Boolean> move(String orderId, String from, String to, Bson alsoSet) {
        Bson update = alsoSet == null ? Updates.set("state", to) : Updates.combine(Updates.set("state", to), alsoSet);
        return sales.mongoCollection().updateOne(Filters.and(Filters.eq("_id", orderId), Filters.eq("state", from)),
                update).map(r -> r.getModifiedCount() == 1);
    }

    // ---- counters

    /** Adds the order's units of one product on one day, unless they are already counted there. */
    public Uni<Void> addProductUnits(String orderId, String productId, String day, int units) {
        return add(PRODUCT_DAYS, productId + "|" + day, orderId,
                Updates.combine(Updates.setOnInsert("productId", productId), Updates.setOnInsert("day", day),
                        Updates.inc("units", (long) units), Updates.inc("orders", 1L)));
    }

    public Uni<Void> removeProductUnits(String orderId, String productId, String day, int units) {
        return remove(PRODUCT_DAYS, productId + "|" + day, orderId,
                Updates.combine(Updates.inc("units", -(long) units), Updates.inc("orders", -1L)));
    }

    /** Adds the order to its day's sales, unless it is already counted there. */
    public Uni<Void> addDaySale(String orderId, String day, String currency, long revenue, long units) {
        return add(DAYS, day + "|" + currency, orderId,
                Updates.combine(Updates.setOnInsert("day", day), Updates.setOnInsert("currency", currency),
                        Updates.inc("orders", 1L), Updates.inc("revenue", revenue), Updates.inc("units", units)));
    }

    public Uni<Void> removeDaySale(String orderId, String day, String currency, long revenue, long units) {
        return remove(DAYS, day + "|" + currency, orderId, Updates.combine(Updates.inc("orders", -1L),
                Updates.inc("revenue", -revenue), Updates.inc("units", -units)));
    }

    private Uni<Void> add(String collection, String key, String orderId, Bson increments) {
        ReactiveMongoCollection<Document> counters = counters(collection);
        Bson notCounted = Filters.and(Filters.eq("_id", key), Filters.ne("applied", orderId));
        Bson update = Updates.combine(increments, Updates.push("applied", orderId));
        return counters.updateOne(notCounted, update, new UpdateOptions().upsert(true))
                .replaceWithVoid()
                // The counter exists and did not match: either it counts the order already, or another order created
                // it a moment ago. Try once more without creating it; no match then means counted already.
                .onFailure(MongoErrors::isDuplicateKey)
                .recoverWithUni(() -> counters.updateOne(notCounted, update).replaceWithVoid());
    }

    private Uni<Void> remove(String collection, String key, String orderId, Bson decrements) {
        return counters(collection).updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("applied", orderId)),
                Updates.combine(decrements, Updates.pull("applied", orderId))).replaceWithVoid();
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
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private ReactiveMongoCollection<Document> counters(String name) {
        return sales.mongoDatabase().getCollection(name);
    }
}
