package dev.shop.order.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import dev.shop.kit.page.PageRequest;
import dev.shop.order.domain.OrderState;
import dev.shop.order.domain.Refund;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads of orders. Every change goes through the aggregate store (see {@code OrderCommands}). */
@ApplicationScoped
public class OrderRepository implements ReactivePanacheMongoRepositoryBase<OrderDocument, ObjectId> {

    /** Where a session's id is stored: the codec writes a property named {@code id} as {@code _id}, nested ones too. */
    public static final String SESSION_ID = "payment.session._id";

    /** One page of a customer's orders and how many there are in all. */
    public record Slice(List<OrderDocument> items, long total) {
    }

    /** The order the customer placed with that Idempotency-Key, if any. */
    public Uni<Optional<OrderDocument>> findByIdempotencyKey(String userId, String idempotencyKey) {
        return mongoCollection()
                .find(Filters.and(Filters.eq("userId", userId), Filters.eq("idempotencyKey", idempotencyKey)))
                .collect().first()
                .map(Optional::ofNullable);
    }

    /** A customer's orders, newest first, optionally of one status. */
    public Uni<Slice> ofCustomer(String userId, Optional<OrderState> status, PageRequest page) {
        Bson filter = status.map(s -> Filters.and(Filters.eq("userId", userId), Filters.eq("status", s.name())))
                .orElse(Filters.eq("userId", userId));
        FindOptions options = new FindOptions().sort(Sorts.orderBy(Sorts.descending("createdAt"),
                Sorts.descending("_id"))).skip(page.offset()).limit(page.size());
        return Uni.combine().all()
                .unis(mongoCollection().find(filter, options).collect().asList(),
                        mongoCollection().countDocuments(filter))
                .asTuple()
                .map(t -> new Slice(t.getItem1(), t.getItem2()));
    }

    /** Ids of orders still pending that were placed before {@code placedBefore}, oldest first. */
    public Uni<List<ObjectId>> pendingSince(Instant placedBefore, int limit) {
        FindOptions options = new FindOptions().projection(Projections.include("_id"))
                .sort(Sorts.ascending("createdAt")).limit(limit);
        return mongoCollection()
                .find(Filters.and(Filters.eq("status", OrderState.PENDING.name()),
                        Filters.lt("createdAt", placedBefore)), options)
                .map(d -> d.id)
                .collect().asList();
    }

    /** Ids of card orders still waiting for a payment that was due before {@code now}, longest overdue first. */
    public Uni<List<ObjectId>> awaitingPaymentDueBefore(Instant now, int limit) {
        FindOptions options = new FindOptions().projection(Projections.include("_id"))
                .sort(Sorts.ascending("payment.dueBy")).limit(limit);
        return mongoCollection()
                .find(Filters.and(Filters.eq("status", OrderState.AWAITING_PAYMENT.name()),
                        Filters.lt("payment.dueBy", now)), options)
                .map(d -> d.id)
                .collect().asList();
    }

    /** Ids of orders with a refund the provider has not confirmed yet. */
    public Uni<List<ObjectId>> withRefundsDue(int limit) {
        FindOptions options = new FindOptions().projection(Projections.include("_id")).limit(limit);
        return mongoCollection()
                .find(Filters.eq("payment.refunds.status", Refund.Status.DUE.name()), options)
                .map(d -> d.id)
                .collect().asList();
    }

    /**
     * The order whose payment session is {@code sessionId} at {@code provider}, if any: the provider's own link from a
     * payment to the order it was made for.
     */
    public Uni<Optional<ObjectId>> idBySession(String provider, String sessionId) {
        FindOptions options = new FindOptions().projection(Projections.include("_id")).limit(2);
        return mongoCollection()
                .find(Filters.and(Filters.eq(SESSION_ID, sessionId),
                        Filters.eq("payment.session.provider", provider)), options)
                .map(d -> d.id)
                .collect().asList()
                .map(ids -> ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.<ObjectId> empty());
    }
}
