package dev.shop.admin.application;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.DayWindow;
import dev.shop.admin.domain.OrderCriteria;
import dev.shop.admin.domain.OrderProgress;
import dev.shop.admin.persistence.OrderEntryDocument;
import dev.shop.admin.persistence.OrderIndexRepository;
import dev.shop.admin.persistence.OrderIndexWrites;
import dev.shop.admin.persistence.ReadModelCollections;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderAwaitingPayment;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The order index: every order as order-service's events describe it, searchable by status, customer, number and date.
 * Details come from {@code OrderPlaced}; the status never moves backwards (see {@link OrderProgress}), whatever order
 * the events arrive in. A card order shows {@code AWAITING_PAYMENT} with its payment deadline, its failed payment
 * attempts (the latest by attempt number) and its refunds; the refund of a cancelled payment clears {@code refundDue}.
 */
@ApplicationScoped
public class OrderIndex implements Projection {

    private final OrderIndexRepository orders;
    private final ReadModelCollections collections;
    private final ZoneId zone;

    public OrderIndex(OrderIndexRepository orders, ReadModelCollections collections, AdminConfig config) {
        this.orders = orders;
        this.collections = collections;
        this.zone = config.zone();
    }

    @Override
    public ReadModel model() {
        return ReadModel.ORDERS;
    }

    public Uni<Void> apply(EventEnvelope event) {
        return apply(event, collections.collection(ReadModelCollections.ORDERS));
    }

    @Override
    public Uni<Void> apply(EventEnvelope event, ReactiveMongoCollection<Document> target) {
        String orderId = event.aggregateId();
        Instant at = event.occurredAt();
        return switch (event.type()) {
            case OrderPlaced.TYPE -> {
                OrderPlaced p = EventJson.dataAs(event, OrderPlaced.class);
                Instant placedAt = p.placedAt() == null ? at : p.placedAt();
                yield start(target, orderId, p.number(), p.userId())
                        .flatMap(ok -> OrderIndexWrites.placed(target, orderId, p.lines(), p.subtotal(),
                                p.discountTotal(), p.shippingTotal(), p.total(), p.paymentMethod(), placedAt,
                                DayWindow.dayOf(placedAt, zone)))
                        .flatMap(ok -> status(target, orderId, OrderStatus.PENDING, at));
            }
            case OrderConfirmed.TYPE -> {
                OrderConfirmed c = EventJson.dataAs(event, OrderConfirmed.class);
                yield start(target, orderId, c.number(), c.userId())
                        .flatMap(ok -> status(target, orderId, OrderStatus.CONFIRMED, at));
            }
            case OrderAwaitingPayment.TYPE -> {
                OrderAwaitingPayment a = EventJson.dataAs(event, OrderAwaitingPayment.class);
                yield start(target, orderId, a.number(), a.userId())
                        .flatMap(ok -> OrderIndexWrites.paymentDue(target, orderId, a.paymentDueBy()))
                        .flatMap(ok -> status(target, orderId, OrderStatus.AWAITING_PAYMENT, at));
            }
            case OrderPaymentFailed.TYPE -> {
                // the order keeps waiting for its payment: the status does not change
                OrderPaymentFailed f = EventJson.dataAs(event, OrderPaymentFailed.class);
                yield start(target, orderId, f.number(), f.userId())
                        .flatMap(ok -> OrderIndexWrites.paymentFailed(target, orderId, f.failedAttempts(),
                                f.provider(), f.reference(), f.reason(), f.failedAt() == null ? at : f.failedAt()));
            }
            case OrderRefunded.TYPE -> {
                OrderRefunded r = EventJson.dataAs(event, OrderRefunded.class);
                Uni<Void> recorded = start(target, orderId, r.number(), r.userId())
                        .flatMap(ok -> OrderIndexWrites.refunded(target, orderId, r.amount(), r.provider(),
                                r.paymentReference(), r.refundReference(), r.reason(),
                                r.refundedAt() == null ? at : r.refundedAt()));
                // Only the refund of a cancelled payment settles the refund the cancellation announced; a late,
                // duplicate or mismatched payment was never shown as owed.
                yield OrderRefunded.ORDER_CANCELLED.equals(r.reason())
                        ? recorded.flatMap(ok -> OrderIndexWrites.refundDue(target, orderId, false,
                                OrderProgress.REFUND_SETTLED))
                        : recorded;
            }
            case OrderRejected.TYPE -> {
                OrderRejected r = EventJson.dataAs(event, OrderRejected.class);
                yield start(target, orderId, r.number(), r.userId())
                        .flatMap(ok -> facts(target, orderId, Updates.combine(Updates.set("rejectReason", r.reason()),
                                Updates.set("rejectDetail", r.detail()))))
                        .flatMap(ok -> status(target, orderId, OrderStatus.REJECTED, at));
            }
            case OrderPaid.TYPE -> {
                OrderPaid p = EventJson.dataAs(event, OrderPaid.class);
                yield start(target, orderId, p.number(), p.userId())
                        .flatMap(ok -> facts(target, orderId, Updates.combine(
                                Updates.set("paymentProvider", p.provider()),
                                Updates.set("paymentReference", p.reference()))))
                        .flatMap(ok -> status(target, orderId, OrderStatus.PAID, at));
            }
            case OrderCancelled.TYPE -> {
                OrderCancelled c = EventJson.dataAs(event, OrderCancelled.class);
                yield start(target, orderId, c.number(), c.userId())
                        .flatMap(ok -> facts(target, orderId, Updates.combine(Updates.set("cancelReason", c.reason()),
                                Updates.set("cancelledBy", c.cancelledBy()))))
                        .flatMap(ok -> OrderIndexWrites.refundDue(target, orderId, c.refundDue(),
                                OrderProgress.REFUND_DECIDED))
                        .flatMap(ok -> status(target, orderId, OrderStatus.CANCELLED, at));
            }
            case OrderShipped.TYPE -> {
                OrderShipped s = EventJson.dataAs(event, OrderShipped.class);
                yield start(target, orderId, s.number(), s.userId())
                        .flatMap(ok -> facts(target, orderId, Updates.combine(Updates.set("carrier", s.carrier()),
                                Updates.set("trackingNumber", s.trackingNumber()))))
                        .flatMap(ok -> status(target, orderId, OrderStatus.SHIPPED, at));
            }
            case OrderDelivered.TYPE -> {
                OrderDelivered d = EventJson.dataAs(event, OrderDelivered.class);
                yield start(target, orderId, d.number(), d.userId())
                        .flatMap(ok -> status(target, orderId, OrderStatus.DELIVERED, at));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Page<OrderEntryDocument>> search(OrderCriteria criteria, PageRequest page) {
        return orders.search(criteria, page);
    }

    public Uni<Optional<OrderEntryDocument>> find(String orderId) {
        return orders.findByIdOptional(orderId);
    }

    private static Uni<Void> start(ReactiveMongoCollection<Document> target, String orderId, String number,
            String userId) {
        return OrderIndexWrites.ensure(target, orderId)
                .flatMap(ok -> OrderIndexWrites.identity(target, orderId, number, userId));
    }

    private static Uni<Void> facts(ReactiveMongoCollection<Document> target, String orderId, Bson facts) {
        return OrderIndexWrites.facts(target, orderId, facts);
    }

    private static Uni<Void> status(ReactiveMongoCollection<Document> target, String orderId, String status,
            Instant at) {
        return OrderIndexWrites.status(target, orderId, status, OrderProgress.position(status, at), at);
    }
}
