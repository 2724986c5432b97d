package dev.shop.order.application;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.order.config.OrderConfig;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes sure no order stays {@code PENDING}: orders the catalogue has not answered for a while get their
 * {@code OrderPlaced} published again, and after the configured limit they are rejected (the catalogue then gives back
 * anything it held). Safe with several replicas: every change is a conditional write of the order, and an order that
 * another replica has just handled no longer needs anything, so the command changes nothing.
 */
@ApplicationScoped
public class PendingOrders {

    private final OrderCommands commands;
    private final OrderRepository repository;
    private final OrderConfig.Pending config;

    public PendingOrders(OrderCommands commands, OrderRepository repository,
            OrderConfig config) {
        this.commands = commands;
        this.repository = repository;
        this.config = config.pending();
    }

    @Scheduled(every = "${shop.order.pending.sweep-interval:30s}", delayed = "${shop.order.pending.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep(Instant.now()).onFailure().recoverWithItem(failure -> {
            Log.warnf("Sweep of pending orders failed; the next one retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** One pass; returns how many pending orders were looked at. */
    public Uni<Integer> sweep(Instant now) {
        Duration first = config.redriveAfter().compareTo(config.rejectAfter()) < 0 ? config.redriveAfter()
                : config.rejectAfter();
        return repository.pendingSince(now.minus(first), Math.max(1, config.batchSize()))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> commands.resolvePending(id, now).replaceWith(true)
                                .onFailure().recoverWithItem(failure -> {
                                    Log.warnf("Could not resolve pending order %s: %s", id, failure.getMessage());
                                    return false;
                                }))
                        .collect().asList()
                        .map(handled -> ids.size()));
    }
}
