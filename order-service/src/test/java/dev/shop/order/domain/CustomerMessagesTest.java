package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderShipped;

class CustomerMessagesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Order order() {
        return Order.place("o1", "SO-2026-7K3F9Q", "u1",
                List.of(OrderLine.of("p1", "SKU-1", "Brake pads", null, new Money(129_900, "INR"), 1)),
                new Money(0, "INR"), new ShippingAddress("Asha Rao", "+919876543210", "12 MG Road", null, null,
                        "Bengaluru", "Karnataka", "560001", "IN"),
                PaymentMethod.CARD, null, new Placement("key-00000001", "fp", null, List.of()), T0);
    }

    @Test
    void eachStatusChangeTheCustomerCaresAboutHasItsMessage() {
        Order o = order();
        o.stockReserved(T0, Duration.ofMinutes(15));
        Object paid = o.paymentSucceeded("fake-card", "pay_1", "s1", o.totals().total(), T0).get(0);
        assertThat(CustomerMessages.of(o, paid, "Shop")).get().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(CustomerMessages.Kind.PAID);
            assertThat(m.text()).isEqualTo("Shop: we received your payment of INR 1299.00 for order SO-2026-7K3F9Q. "
                    + "Thank you!");
        });

        OrderShipped shipped = new OrderShipped("o1", o.number(), "u1", "BlueDart", "BD123", T0);
        assertThat(CustomerMessages.of(o, shipped, "Shop")).get().extracting(CustomerMessages.Message::text)
                .isEqualTo("Shop: your order SO-2026-7K3F9Q has shipped with BlueDart, tracking number BD123.");

        OrderCancelled cancelled = new OrderCancelled("o1", o.number(), "u1", "PAID", "Changed my mind.", "CUSTOMER",
                true, T0);
        assertThat(CustomerMessages.of(o, cancelled, "Shop")).get().extracting(CustomerMessages.Message::text)
                .isEqualTo("Shop: your order SO-2026-7K3F9Q was cancelled: Changed my mind. Your payment of "
                        + "INR 1299.00 will be refunded.");

        assertThat(CustomerMessages.of(o, o.placed(), "Shop")).as("placing is no status change to tell").isEmpty();
        assertThat(o.placed()).isInstanceOf(OrderPlaced.class);
    }
}
