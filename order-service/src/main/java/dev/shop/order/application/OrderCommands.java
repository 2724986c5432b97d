package dev.shop.order.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Actor;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderState;
import dev.shop.order.domain.Rejection;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Every change of an existing order: the customer's cancellation, the admin's status changes, the catalogue's answers
 * in the checkout saga and the sweeper's re-drives and timeouts. Each one runs a domain method of {@link Order} through
 * the aggregate store: one conditional write of the new state and its events, retried when it loses a race.
 */
@ApplicationScoped
public class OrderCommands {

    /** What an admin asks for with {@code PATCH /orders/{id}/status}. */
    public record StatusChange(OrderState status, String carrier, String trackingNumber, String reason) {
    }

    private final AggregateStore<Order, OrderDocument> orders;
    private final OrderConfig.Pending pending;
    private final OrderConfig.Payments payments;
    private final PaymentRefunds refunds;

    public OrderCommands(OrderRepository repository, AggregateStores stores, PaymentRefunds refunds,
            OrderConfig config) {
        this.orders = stores.of(repository, new OrderMapper());
        this.pending = config.pending();
        this.payments = config.payments();
        this.refunds = refunds;
    }

    // ---- people

    /**
     * The owner cancels their order (until it ships). A paid order is refunded: at once if the provider answers, else
     * by the payment sweeper (the refund is due from the cancellation's write on).
     *
     * @throws ProblemException 404 when there is no such order of theirs; 409 once shipped, rejected or cancelled
     */
    public Uni<Order> cancelByCustomer(String orderId, String userId, String reason) {
        return orders.modify(OrderIds.parse(orderId), order -> {
            if (!order.isOwnedBy(userId)) {
                throw OrderIds.notFound(orderId);
            }
            return order.cancel(Actor.CUSTOMER, reason, Instant.now());
        }).flatMap(refunds::settle);
    }

    /**
     * An admin moves the order on: SHIPPED (with carrier and tracking number), DELIVERED, or CANCELLED.
     *
     * @param expectedVersion the version the admin saw, if they sent one: any other is a 409 at once
     * @throws ProblemException 404, 409 for a transition the order's status does not allow
     */
    public Uni<Order> changeStatus(String orderId, StatusChange change, Optional<Long> expectedVersion) {
        Function<Order, List<?>> command = order -> {
            Instant now = Instant.now();
            return switch (change.status()) {
                case SHIPPED -> order.ship(change.carrier(), change.trackingNumber(), now);
                case DELIVERED -> order.deliver(now);
                case CANCELLED -> order.cancel(Actor.ADMIN, change.reason(), now);
                default -> throw ProblemException.invalid("status", "must be SHIPPED, DELIVERED or CANCELLED");
            };
        };
        ObjectId id = OrderIds.parse(orderId);
        return (expectedVersion.isPresent() ? orders.modify(id, expectedVersion.get(), command)
                : orders.modify(id, command)).flatMap(refunds::settle);
    }

    // ---- the catalogue's answers

    /** Every line of the order is reserved. False when this service has no such order. */
    public Uni<Boolean> stockReserved(String orderId) {
        return saga(orderId, order -> order.stockReserved(Instant.now(), payments.window()));
    }

    /** The order could not be reserved; {@code lines} say why, per line. False when there is no such order. */
    public Uni<Boolean> stockRejected(String orderId, List<Rejection.RejectedLine> lines) {
        return saga(orderId, order -> order.stockRejected(lines, Instant.now()));
    }

    private Uni<Boolean> saga(String orderId, Function<Order, List<?>> command) {
        Optional<ObjectId> id = OrderIds.tryParse(orderId);
        if (id.isEmpty()) {
            Log.warnf("Ignoring a stock answer for %s: not an order id of this service", orderId);
            return Uni.createFrom().item(false);
        }
        return orders.modify(id.get(), command).replaceWith(true)
                .onFailure(OrderIds::isNotFound).recoverWithItem(() -> {
                    Log.warnf("Ignoring a stock answer for unknown order %s", orderId);
                    return false;
                });
    }

    // ---- orders left pending

    /**
     * Rejects the order when it has waited longer than the configured limit; otherwise publishes OrderPlaced again when
     * the catalogue has been silent long enough. Changes nothing for an order that moved on meanwhile.
     *
     * @return the status afterwards
     */
    public Uni<OrderState> resolvePending(ObjectId orderId, Instant now) {
        return orders.modify(orderId, order -> {
            List<Object> expired = order.expire(now, pending.rejectAfter());
            if (!expired.isEmpty()) {
                Log.warnf("Order %s got no stock answer within %s: rejected", order.number(), pending.rejectAfter());
                return expired;
            }
            List<Object> again = order.redrive(now, pending.redriveAfter(), pending.maxRedrives());
            if (!again.isEmpty()) {
                Log.infof("Order %s still waits for its stock reservation: OrderPlaced published again (%d)",
                        order.number(), order.redrives());
            }
            return again;
        }).map(Order::status);
    }
}
