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
