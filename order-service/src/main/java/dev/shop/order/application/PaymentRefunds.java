package dev.shop.order.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.Refund;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pays back the refunds orders owe. A refund becomes due in the same write as the decision that owes it (a paid order
 * cancelled, a payment the order could not take); this class asks the provider (with an idempotency key per order and
 * payment, so asking again after a crash refunds once) and records the provider's confirmation on the order, which
 * announces {@code OrderRefunded}. A provider that fails leaves the refund due; the payment sweeper asks again.
 */
@ApplicationScoped
public class PaymentRefunds {

    private final AggregateStore<Order, OrderDocument> orders;
    private final PaymentProviders providers;
    private final OrderConfig.Payments config;

    public PaymentRefunds(OrderRepository repository, AggregateStores stores, PaymentProviders providers,
            OrderConfig config) {
        this.orders = stores.of(repository, new OrderMapper());
        this.providers = providers;
        this.config = config.payments();
    }

    /**
     * Refunds what {@code order} owes now, if the providers answer; never fails (what is not refunded stays due).
     *
     * @return the order as stored afterwards
     */
    public Uni<Order> settle(Order order) {
        List<Refund> due = order.payment().refundsDue();
        if (due.isEmpty()) {
            return Uni.createFrom().item(order);
        }
        ObjectId id = new ObjectId(order.id());
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(refund -> refund(order, id, refund))
                .collect().last()
                .map(last -> last == null ? order : last);
    }

    /** Refunds what the order with that id owes (the sweeper's entry). */
    public Uni<Order> settle(ObjectId orderId) {
        return orders.load(orderId).flatMap(this::settle);
    }

    private Uni<Order> refund(Order order, ObjectId id, Refund refund) {
        PaymentProvider provider;
        try {
            provider = providers.named(refund.provider());
        } catch (RuntimeException e) {
            Log.errorf("Order %s owes a refund of %s through %s, which is not configured: left due", order.number(),
                    refund.paymentReference(), refund.provider());
            return Uni.createFrom().item(order);
        }
        PaymentProvider.RefundRequest request = new PaymentProvider.RefundRequest(order.id(),
                refund.paymentReference(), refund.amount(), "refund-" + order.id() + "-" + refund.paymentReference());
        return provider.refund(request)
                .ifNoItem().after(config.timeout()).fail()
                .flatMap(reference -> orders.modify(id, o -> o.refunded(refund.paymentReference(), reference,
                        Instant.now())))
                .invoke(stored -> Log.infof("Order %s: %s %s refunded (%s)", stored.number(),
                        refund.amount().amount(), refund.amount().currency(), refund.reason()))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Order %s: refund of %s not done yet, retried later: %s", order.number(),
                            refund.paymentReference(), failure.getMessage());
                    return order;
                });
    }
}
