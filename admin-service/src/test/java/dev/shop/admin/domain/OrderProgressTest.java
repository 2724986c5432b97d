package dev.shop.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.orders.OrderStatus;

class OrderProgressTest {

    private static final Instant EARLY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void everyTransitionOfTheStateMachineMovesForwardWhateverTheClocksSay() {
        String[][] transitions = {
                { OrderStatus.PENDING, OrderStatus.CONFIRMED }, { OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT },
                { OrderStatus.PENDING, OrderStatus.REJECTED }, { OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID },
                { OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED }, { OrderStatus.CONFIRMED, OrderStatus.SHIPPED },
                { OrderStatus.PAID, OrderStatus.SHIPPED }, { OrderStatus.SHIPPED, OrderStatus.DELIVERED },
                { OrderStatus.PENDING, OrderStatus.CANCELLED }, { OrderStatus.CONFIRMED, OrderStatus.CANCELLED },
                { OrderStatus.PAID, OrderStatus.CANCELLED } };
        for (String[] t : transitions) {
            assertThat(OrderProgress.position(t[1], EARLY)).as(t[0] + " -> " + t[1])
                    .isGreaterThan(OrderProgress.position(t[0], LATE));
        }
    }

    @Test
    void theSameStatusLaterIsFurther() {
        assertThat(OrderProgress.position(OrderStatus.PAID, LATE)).isGreaterThan(
                OrderProgress.position(OrderStatus.PAID, EARLY));
    }
}
