package dev.shop.admin.persistence;

import static dev.shop.admin.persistence.ProjectionWrites.date;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderLine;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Writes of the order index. The status is guarded by its position ({@code OrderProgress.position}); facts carried by
 * one event only (lines and totals, the carrier, a cancellation's reason) are set as they come.
 */
public final class OrderIndexWrites {

    private OrderIndexWrites() {
    }

    public static Uni<Void> ensure(ReactiveMongoCollection<Document> target, String orderId) {
        return ProjectionWrites.ensure(target, orderId, new Document("statusPosition", -1L));
    }

    /** The order's number and customer, which every order event carries. */
    public static Uni<Void> identity(ReactiveMongoCollection<Document> target, String orderId, String number,
            String userId) {
        return ProjectionWrites.setFacts(target, orderId,
                Updates.combine(Updates.set("number", number), Updates.set("userId", userId)));
    }

    public static Uni<Void> placed(ReactiveMongoCollection<Document> target, String orderId, List<OrderLine> lines,
            Money subtotal, Money discountTotal, Money shippingTotal, Money total, String paymentMethod,
            Instant placedAt, String placedDay) {
        List<Document> lineDocuments = (lines == null ? List.<OrderLine> of() : lines).stream()
                .map(l -> new Document("productId", l.productId()).append("sku", l.sku()).append("name", l.name())
                        .append("unitPrice", MoneyDocument.of(l.unitPrice())).append("quantity", l.quantity())
                        .append("lineTotal", MoneyDocument.of(l.lineTotal())))
                .toList();
        return ProjectionWrites.setFacts(target, orderId, Updates.combine(Updates.set("lines", lineDocuments),
                Updates.set("subtotal", MoneyDocument.of(subtotal)),
                Updates.set("discountTotal", MoneyDocument.of(discountTotal)),
                Updates.set("shippingTotal", MoneyDocument.of(shippingTotal)),
                Updates.set("total", MoneyDocument.of(total)), Updates.set("paymentMethod", paymentMethod),
                Updates.set("placedAt", date(placedAt)), Updates.set("placedDay", placedDay)));
    }

    /** Facts of one status change (carrier, payment reference, cancellation reason…). */
    public static Uni<Void> facts(ReactiveMongoCollection<Document> target, String orderId, Bson facts) {
        return ProjectionWrites.setFacts(target, orderId, facts);
    }

    /** When a card order waiting for its payment is cancelled unless paid. */
    public static Uni<Void> paymentDue(ReactiveMongoCollection<Document> target, String orderId, Instant dueBy) {
        return ProjectionWrites.setFacts(target, orderId, Updates.set("paymentDueBy", date(dueBy)));
    }

    /**
     * A failed card payment: the count of failed attempts only grows, so the latest failure is the one with the highest
     * count, whatever order the failures arrive in.
     */
    public static Uni<Void> paymentFailed(ReactiveMongoCollection<Document> target, String orderId, int failedAttempts,
            String provider, String reference, String reason, Instant failedAt) {
        Document failure = new Document("attempt", failedAttempts).append("provider", provider)
                .append("reference", reference).append("reason", reason).append("at", date(failedAt));
        return ProjectionWrites.setIfNewer(target, orderId, "paymentFailures", failedAttempts,
                Updates.set("lastPaymentFailure", failure)).replaceWithVoid();
    }

    /**
     * Whether a refund is owed for the order's cancellation, at its {@code OrderProgress} refund stage: the refund of
     * the cancellation, once seen, is never reopened by a cancellation arriving after it.
     */
    public static Uni<Void> refundDue(ReactiveMongoCollection<Document> target, String orderId, boolean due,
            int stage) {
        return ProjectionWrites.setIfNewer(target, orderId, "refundStage", stage, Updates.set("refundDue", due))
                .replaceWithVoid();
    }

    /** A refund the payment provider confirmed; the same refund seen again is kept once. */
    public static Uni<Void> refunded(ReactiveMongoCollection<Document> target, String orderId, Money amount,
            String provider, String paymentReference, String refundReference, String reason, Instant refundedAt) {
        Document refund = new Document("amount", MoneyDocument.of(amount)).append("provider", provider)
                .append("paymentReference", paymentReference).append("refundReference", refundReference)
                .append("reason", reason).append("refundedAt", date(refundedAt));
        return ProjectionWrites.setFacts(target, orderId, Updates.addToSet("refunds", refund));
    }

    /** Records that the order had {@code status} at {@code at}, and makes it current unless a later one is stored. */
    public static Uni<Void> status(ReactiveMongoCollection<Document> target, String orderId, String status,
            long position, Instant at) {
        Document change = new Document("status", status).append("at", date(at));
        return ProjectionWrites.setFacts(target, orderId, Updates.addToSet("history", change))
                .flatMap(ignored -> ProjectionWrites.setIfNewer(target, orderId, "statusPosition", position,
                        Updates.combine(Updates.set("status", status), Updates.set("statusAt", date(at)))))
                .replaceWithVoid();
    }
}
