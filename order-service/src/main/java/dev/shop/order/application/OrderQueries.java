package dev.shop.order.application;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderState;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.smallrye.mutiny.Uni;

/** Reads of orders: a customer sees their own; an admin reads any by id. */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository repository;
    private final OrderMapper mapper = new OrderMapper();

    public OrderQueries(OrderRepository repository) {
        this.repository = repository;
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
