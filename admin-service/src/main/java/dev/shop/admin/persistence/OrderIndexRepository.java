package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.shop.admin.domain.OrderCriteria;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads of the order index, including the dashboard's aggregations. */
@ApplicationScoped
public class OrderIndexRepository implements ReactivePanacheMongoRepositoryBase<OrderEntryDocument, String> {

    /** Matching orders, newest first. */
    public Uni<Page<OrderEntryDocument>> search(OrderCriteria criteria, PageRequest page) {
        List<Bson> parts = new ArrayList<>();
        if (criteria.status() != null) {
            parts.add(Filters.eq("status", criteria.status()));
        }
        if (criteria.userId() != null) {
            parts.add(Filters.eq("userId", criteria.userId()));
        }
        if (criteria.number() != null) {
            parts.add(Filters.eq("number", criteria.number()));
        }
        if (criteria.from() != null) {
            parts.add(Filters.gte("placedAt", Date.from(criteria.from())));
        }
        if (criteria.to() != null) {
            parts.add(Filters.lt("placedAt", Date.from(criteria.to())));
        }
        Bson filter = parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        return mongoCollection().countDocuments(filter).flatMap(total -> mongoCollection()
                .find(filter, new FindOptions().sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.ascending("_id")))
                        .skip(page.offset()).limit(page.size()))
                .collect().asList()
                .map(items -> Page.of(items, page, total)));
    }

    /**
     * Per day of placement in {@code [from, to)}: {@code orders} placed, and of those in {@code currency} and in one of
     * the {@code sold} statuses, {@code soldOrders} and {@code revenue} (minor units).
     */
    public Uni<List<Document>> perDay(Instant from, Instant to, List<String> sold, String currency) {
        Document isSold = new Document("$and", List.of(
                new Document("$in", List.of("$status", sold)),
                new Document("$eq", List.of("$total.currency", currency))));
        return mongoCollection().aggregate(List.of(
                Aggregates.match(placedIn(from, to)),
                Aggregates.group("$placedDay",
                        Accumulators.sum("orders", 1),
                        Accumulators.sum("soldOrders", new Document("$cond", List.of(isSold, 1, 0))),
                        Accumulators.sum("revenue", new Document("$cond", List.of(isSold, "$total.amount", 0))))),
                Document.class)
                .collect().asList();
    }

    /** Orders placed in {@code [from, to)} counted by current status. */
    public Uni<List<Document>> perStatus(Instant from, Instant to) {
        return mongoCollection().aggregate(List.of(
                Aggregates.match(placedIn(from, to)),
                Aggregates.group("$status", Accumulators.sum("orders", 1))),
                Document.class)
                .collect().asList();
    }

    /** The products sold most (by units) in orders placed in {@code [from, to)} that count as sold. */
    public Uni<List<Document>> topProducts(Instant from, Instant to, List<String> sold, String currency, int limit) {
        return mongoCollection().aggregate(List.of(
                Aggregates.match(Filters.and(placedIn(from, to), Filters.in("status", sold),
                        Filters.eq("total.currency", currency))),
                Aggregates.unwind("$lines"),
                Aggregates.group("$lines.productId",
                        Accumulators.sum("units", "$lines.quantity"),
                        Accumulators.sum("revenue", "$lines.lineTotal.amount"),
                        Accumulators.first("sku", "$lines.sku"),
                        Accumulators.first("name", "$lines.name")),
                Aggregates.sort(Sorts.orderBy(Sorts.descending("units"), Sorts.ascending("_id"))),
                Aggregates.limit(limit)),
                Document.class)
                .collect().asList();
    }

    private static Bson placedIn(Instant from, Instant to) {
        return Filters.and(Filters.gte("placedAt", Date.from(from)), Filters.lt("placedAt", Date.from(to)));
    }
}
