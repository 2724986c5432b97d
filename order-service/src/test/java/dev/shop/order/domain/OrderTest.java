package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.orders.OrderAwaitingPayment;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.kit.aggregate.IllegalTransitionException;

/** The order's state machine, transition by transition, including every transition it must refuse. */
class OrderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final ShippingAddress ADDRESS = new ShippingAddress("Asha Rao", "+919876543210", "12 MG Road", null,
            null, "Bengaluru", "Karnataka", "560001", "IN");

    private static Order order(PaymentMethod method) {
        List<OrderLine> lines = List.of(
                OrderLine.of("p1", "SKU-1", "Brake pads", null, new Money(129_900, "INR"), 2),
                OrderLine.of("p2", "SKU-2", "Engine oil", null, new Money(45_000, "INR"), 1));
        return Order.place("o1", "SO-2026-7K3F9Q", "u1", lines, new Money(5_000, "INR"), ADDRESS, method, null,
                new Placement("key-00000001", "fp", null, List.of()), T0);
    }

    /** An order brought to {@code status} along the happy path. */
    private static Order in(OrderState status, PaymentMethod method) {
        Order o = order(method);
        Instant t = T0.plusSeconds(1);
        switch (status) {
            case PENDING -> {
            }
            case CONFIRMED, AWAITING_PAYMENT -> o.stockReserved(t, WINDOW);
            case PAID -> {
                o.stockReserved(t, WINDOW);
                o.paymentSucceeded("fake", "ref", "s1", o.totals().total(), t);
            }
            case REJECTED -> o.stockRejected(List.of(), t);
            case CANCELLED -> o.cancel(Actor.CUSTOMER, "no", t);
            case SHIPPED -> {
                o.stockReserved(t, WINDOW);
                o.ship("BlueDart", "BD1", t);
            }
            case DELIVERED -> {
                o.stockReserved(t, WINDOW);
                o.ship("BlueDart", "BD1", t);
                o.deliver(t);
            }
        }
        assertThat(o.status()).isEqualTo(status);
        return o;
    }

    private static PaymentMethod methodFor(OrderState status) {
        return status == OrderState.AWAITING_PAYMENT || status == OrderState.PAID ? PaymentMethod.CARD
                : PaymentMethod.COD;
    }

    @Test
    void aNewOrderIsPendingWithItsTotalsAndAnnouncesItself() {
        Order o = order(PaymentMethod.COD);

        assertThat(o.status()).isEqualTo(OrderState.PENDING);
        assertThat(o.totals().subtotal().amount()).isEqualTo(304_800);
        assertThat(o.totals().shippingTotal().amount()).isEqualTo(5_000);
        assertThat(o.totals().total().amount()).isEqualTo(309_800);
        assertThat(o.statusHistory()).extracting(StatusChange::status).containsExactly(OrderState.PENDING);
        OrderPlaced placed = o.placed();
        assertThat(placed.total().amount()).isEqualTo(309_800);
        assertThat(placed.paymentMethod()).isEqualTo("COD");
        assertThat(placed.lines()).hasSize(2);
    }

    @Test
    void reservedStockConfirmsACashOrderAndParksACardOrderUntilPaid() {
        Order cash = order(PaymentMethod.COD);
        assertThat(cash.stockReserved(T0, WINDOW)).singleElement().isInstanceOf(OrderConfirmed.class);
        assertThat(cash.status()).isEqualTo(OrderState.CONFIRMED);

        Order card = order(PaymentMethod.CARD);
        assertThat(card.stockReserved(T0, WINDOW)).singleElement().isInstanceOfSatisfying(
                OrderAwaitingPayment.class, e -> {
                    assertThat(e.amount()).isEqualTo(card.totals().total());
                    assertThat(e.paymentDueBy()).isEqualTo(T0.plus(WINDOW));
                });
        assertThat(card.status()).isEqualTo(OrderState.AWAITING_PAYMENT);
        assertThat(card.payment().dueBy()).isEqualTo(T0.plus(WINDOW));
        assertThat(card.statusHistory()).extracting(StatusChange::status)
                .containsExactly(OrderState.PENDING, OrderState.AWAITING_PAYMENT);

        List<Object> paid = card.paymentSucceeded("fake", "ref-1", "s1", card.totals().total(), T0);
        assertThat(paid).singleElement().isInstanceOfSatisfying(OrderPaid.class,
                e -> assertThat(e.lines()).hasSize(2));
        assertThat(card.payment().status()).isEqualTo(PaymentStatus.PAID);
        assertThat(card.paymentSucceeded("fake", "ref-1", "s1", card.totals().total(), T0)).isEmpty();
    }

    @Test
    void rejectedStockRejectsWithTheReasons() {
        Order o = order(PaymentMethod.COD);
        List<Object> events = o.stockRejected(List.of(new Rejection.RejectedLine("p1", 2, 1,
                StockRejected.INSUFFICIENT_STOCK)), T0);

        assertThat(events).singleElement().isInstanceOfSatisfying(OrderRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(StockRejected.INSUFFICIENT_STOCK);
            assertThat(e.detail()).contains("Brake pads: 1 of 2 available");
        });
        assertThat(o.rejection().lines()).hasSize(1);
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void theCataloguesAnswersAreIgnoredOnceTheOrderMovedOn() {
        for (OrderState status : EnumSet.complementOf(EnumSet.of(OrderState.PENDING))) {
            Order o = in(status, methodFor(status));
            int history = o.statusHistory().size();

            assertThat(o.stockReserved(T0, WINDOW)).as("reserved when %s", status).isEmpty();
            assertThat(o.stockRejected(List.of(), T0)).as("rejected when %s", status).isEmpty();
            assertThat(o.expire(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(15))).isEmpty();
            assertThat(o.redrive(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(2), 3)).isEmpty();
            assertThat(o.status()).isEqualTo(status);
            assertThat(o.statusHistory()).hasSize(history);
        }
    }

    @Test
    void everyTransitionOfPeopleIsAllowedFromExactlyItsStates() {
        Map<String, Set<OrderState>> allowed = Map.of(
                "cancel", EnumSet.of(OrderState.PENDING, OrderState.CONFIRMED, OrderState.AWAITING_PAYMENT,
                        OrderState.PAID),
                "ship", EnumSet.of(OrderState.CONFIRMED, OrderState.PAID),
                "deliver", EnumSet.of(OrderState.SHIPPED));
        Map<String, Function<Order, List<Object>>> commands = Map.of(
                "cancel", o -> o.cancel(Actor.CUSTOMER, "reason", T0),
                "ship", o -> o.ship("BlueDart", "BD9", T0),
                "deliver", o -> o.deliver(T0));

        for (var command : commands.entrySet()) {
            for (OrderState status : OrderState.values()) {
                Order o = in(status, methodFor(status));
                if (allowed.get(command.getKey()).contains(status)) {
                    assertThat(command.getValue().apply(o)).as("%s from %s", command.getKey(), status).hasSize(1);
                } else {
                    int history = o.statusHistory().size();
                    assertThatThrownBy(() -> command.getValue().apply(o)).as("%s from %s", command.getKey(), status)
                            .isInstanceOfSatisfying(IllegalTransitionException.class,
                                    e -> assertThat(e.status()).isEqualTo(409));
                    assertThat(o.status()).isEqualTo(status);
                    assertThat(o.statusHistory()).hasSize(history);
                }
            }
        }
    }

    @Test
    void cancellingAPaidOrderMakesARefundDue() {
        Order paid = in(OrderState.PAID, PaymentMethod.CARD);
        assertThat(paid.cancel(Actor.ADMIN, "Out of service area", T0)).singleElement()
                .isInstanceOfSatisfying(OrderCancelled.class, e -> {
                    assertThat(e.refundDue()).isTrue();
                    assertThat(e.previousStatus()).isEqualTo("PAID");
                    assertThat(e.cancelledBy()).isEqualTo("ADMIN");
                });
        assertThat(paid.payment().status()).isEqualTo(PaymentStatus.REFUND_DUE);

        Order pending = order(PaymentMethod.COD);
        assertThat(pending.cancel(Actor.CUSTOMER, "x", T0)).singleElement()
                .isInstanceOfSatisfying(OrderCancelled.class, e -> assertThat(e.refundDue()).isFalse());
        assertThat(pending.payment().status()).isEqualTo(PaymentStatus.VOIDED);
    }

    @Test
    void shippingAndDeliveryAreAnnouncedAndCashIsCollectedOnDelivery() {
        Order o = in(OrderState.CONFIRMED, PaymentMethod.COD);
        assertThat(o.ship("BlueDart", "BD1", T0)).singleElement().isInstanceOf(OrderShipped.class);
        assertThat(o.shipment().trackingNumber()).isEqualTo("BD1");
        assertThat(o.deliver(T0)).singleElement().isInstanceOfSatisfying(OrderDelivered.class,
                e -> assertThat(e.lines()).hasSize(2));
        assertThat(o.payment().status()).isEqualTo(PaymentStatus.PAID);
        assertThat(o.statusHistory()).extracting(StatusChange::status).containsExactly(OrderState.PENDING,
                OrderState.CONFIRMED, OrderState.SHIPPED, OrderState.DELIVERED);
    }

    @Test
    void aSilentCatalogueGetsTheOrderAgainAFewTimesThenTheOrderIsRejected() {
        Order o = order(PaymentMethod.COD);
        Duration spacing = Duration.ofMinutes(2);

        assertThat(o.redrive(T0.plusSeconds(60), spacing, 2)).as("too early").isEmpty();
        assertThat(o.redrive(T0.plus(spacing), spacing, 2)).singleElement().isInstanceOf(OrderPlaced.class);
        assertThat(o.redrive(T0.plus(spacing).plusSeconds(10), spacing, 2)).as("too soon after").isEmpty();
        assertThat(o.redrive(T0.plus(spacing.multipliedBy(2)), spacing, 2)).hasSize(1);
        assertThat(o.redrive(T0.plus(spacing.multipliedBy(5)), spacing, 2)).as("limit reached").isEmpty();
        assertThat(o.redrives()).isEqualTo(2);

        assertThat(o.expire(T0.plus(Duration.ofMinutes(14)), Duration.ofMinutes(15))).isEmpty();
        assertThat(o.expire(T0.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15))).singleElement()
                .isInstanceOfSatisfying(OrderRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(Rejection.STOCK_TIMEOUT));
        assertThat(o.status()).isEqualTo(OrderState.REJECTED);
    }
}
