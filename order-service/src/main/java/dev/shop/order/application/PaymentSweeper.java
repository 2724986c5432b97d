package dev.shop.order.application;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Order;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code shop.order.payments.sweep-interval}: cancels card orders whose payment did not arrive by its due time
 * (the catalogue releases their stock on {@code OrderCancelled}; a payment that still arrives is refunded), and asks the
 * providers again for refunds still due. Safe with several replicas: each change is a conditional write of the order,
 * and refunds carry idempotency keys.
 */
@ApplicationScoped
public class PaymentSweeper {

    private final AggregateStore<Order, OrderDocument> orders;
    private final OrderRepository repository;
    private final PaymentRefunds refunds;
    private final OrderConfig.Payments config;

    public PaymentSweeper(OrderRepository repository, AggregateStores stores, PaymentRefunds refunds,
            OrderConfig config) {
        this.orders = stores.of(repository, new OrderMapper());
        this.repository = repository;
        this.refunds = refunds;
        this.config = config.payments();
    }

    @Scheduled(every = "${shop.order.payments.sweep-interval:30s}", delayed = "${shop.order.payments.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        Instant now = Instant.now();
        return expireOverdue(now).flatMap(expired -> settleRefunds()).onFailure().recoverWithItem(failure -> {
            Log.warnf("Payment sweep failed; the next one retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Cancels the card orders whose payment was due before {@code now}; returns how many were looked at. */
    public Uni<Integer> expireOverdue(Instant now) {
        return repository.awaitingPaymentDueBefore(now, Math.max(1, config.batchSize()))
                .flatMap(ids -> each(ids, id -> orders.modify(id, order -> {
                    List<Object> cancelled = order.expirePayment(now);
                    if (!cancelled.isEmpty()) {
                        Log.infof("Order %s: no payment by %s; cancelled", order.number(), order.payment().dueBy());
                    }
                    return cancelled;
                }).replaceWithVoid()));
    }

    /** Asks again for the refunds still due; returns how many orders were looked at. */
    public Uni<Integer> settleRefunds() {
        return repository.withRefundsDue(Math.max(1, config.batchSize()))
                .flatMap(ids -> each(ids, id -> refunds.settle(id).replaceWithVoid()));
    }

    private static Uni<Integer> each(List<ObjectId> ids, Function<ObjectId, Uni<Void>> action) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> action.apply(id).onFailure().recoverWithItem(failure -> {
                    Log.warnf("Payment sweep of order %s failed: %s", id, failure.getMessage());
                    return null;
                }))
                .collect().asList()
                .map(done -> ids.size());
    }
}
