package dev.shop.order.application;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateWrites;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderState;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.smallrye.mutiny.Uni;

/**
 * Reads of orders: a customer sees their own; an admin reads any by id. A read can also wait for an order to change
 * ({@link #watch}), so that a client following its checkout asks once instead of polling.
 */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository repository;
    private final OrderMapper mapper = new OrderMapper();
    private final AggregateWrites writes;
    private final OrderConfig.Watch settings;
    private final AtomicInteger watching = new AtomicInteger();

    public OrderQueries(OrderRepository repository, AggregateWrites writes, OrderConfig config) {
        this.repository = repository;
        this.writes = writes;
        this.settings = config.watch();
    }

    /** The longest wait {@link #watch} grants. */
    public Duration maxWait() {
        return settings.maxWait();
    }

    /**
     * The order as soon as {@code unchanged} no longer holds for it, or as it is once {@code wait} (at most
     * {@link #maxWait()}) is over. A change this instance writes answers at once; one written by another instance is
     * seen at the next look ({@code shop.order.watch.recheck}). Beyond {@code shop.order.watch.max-waiting} reads held
     * at once, it answers at once.
     *
     * @throws dev.shop.kit.problem.ProblemException 404 as {@link #get}
     */
    public Uni<Order> watch(String orderId, String userId, boolean asAdmin, Predicate<Order> unchanged,
            Duration wait) {
        ObjectId id = OrderIds.parse(orderId);
        if (watching.incrementAndGet() > settings.maxWaiting()) {
            watching.decrementAndGet();
            return get(orderId, userId, asAdmin);
        }
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), settings.maxWait().toNanos());
        return look(id, orderId, userId, asAdmin, unchanged, deadline)
                .onTermination().invoke(watching::decrementAndGet);
    }

    private Uni<Order> look(ObjectId id, String orderId, String userId, boolean asAdmin, Predicate<Order> unchanged,
            long deadline) {
        // Registered before the read, so that a write between the read and the wait still wakes it.
        CompletableFuture<Void> written = writes.next(OrderDocument.COLLECTION, id);
        return get(orderId, userId, asAdmin)
                .onTermination().invoke((order, failure, cancelled) -> {
                    if (failure != null || cancelled) {
                        writes.forget(OrderDocument.COLLECTION, id, written);
                    }
                })
                .flatMap(order -> {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !unchanged.test(order)) {
                        writes.forget(OrderDocument.COLLECTION, id, written);
                        return Uni.createFrom().item(order);
                    }
                    Duration pause = Duration.ofNanos(Math.min(left, settings.recheck().toNanos()));
                    return Uni.createFrom().completionStage(written)
                            .ifNoItem().after(pause).recoverWithItem((Void) null)
                            .eventually(() -> writes.forget(OrderDocument.COLLECTION, id, written))
                            .flatMap(woken -> look(id, orderId, userId, asAdmin, unchanged, deadline));
                });
    }

    /**
     * @param asAdmin whether the caller is an admin (who may read any order)
     * @throws dev.shop.kit.problem.ProblemException 404 for an unknown id or another customer's order
     */
    public Uni<Order> get(String orderId, String userId, boolean asAdmin) {
        return repository.findById(OrderIds.parse(orderId)).map(document -> {
            if (document == null || !asAdmin && !userId.equals(document.userId)) {
                throw OrderIds.notFound(orderId);
            }
            return mapper.toDomain(document);
        });
    }

    /** The customer's orders, newest first. */
    public Uni<Page<Order>> ofCustomer(String userId, Optional<OrderState> status, PageRequest page) {
        return repository.ofCustomer(userId, status, page)
                .map(slice -> Page.of(slice.items().stream().map(mapper::toDomain).toList(), page, slice.total()));
    }
}
