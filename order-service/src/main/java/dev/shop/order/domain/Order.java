package dev.shop.order.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.common.Money;
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
import dev.shop.kit.aggregate.IllegalTransitionException;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.domain.PaymentAttempt.Outcome;

/**
 * An order and its state machine:
 *
 * <pre>
 * PENDING ──stock reserved──▶ CONFIRMED (COD) | AWAITING_PAYMENT (CARD)
 * PENDING ──stock rejected / no answer in time──▶ REJECTED
 * AWAITING_PAYMENT ──payment succeeded──▶ PAID
 * AWAITING_PAYMENT ──no payment in time──▶ CANCELLED (by SYSTEM)
 * CONFIRMED | PAID ──shipped──▶ SHIPPED ──delivered──▶ DELIVERED
 * PENDING | CONFIRMED | AWAITING_PAYMENT | PAID ──cancelled──▶ CANCELLED (PAID: refund due)
 * </pre>
 *
 * Every transition is a method that checks the current status, records the change in the status history and returns
 * the event payloads that announce it. Commands of people (cancel, ship, deliver) throw
 * {@link IllegalTransitionException} (409) when the status does not allow them. Answers of the catalogue's saga are
 * facts about the past: one that arrives again, or after the order moved on (cancelled while pending, rejected by the
 * timeout), changes nothing and announces nothing. So are the payment provider's reports: a payment is recorded
 * whatever the order's status, once per provider reference; one the order cannot take (it was cancelled, already paid,
 * or the amount is not the total) is refunded, never dropped.
 */
public final class Order {

    public static final String AGGREGATE = "order";

    private static final Set<OrderState> CANCELLABLE = EnumSet.of(OrderState.PENDING, OrderState.CONFIRMED,
            OrderState.AWAITING_PAYMENT, OrderState.PAID);
    private static final Set<OrderState> SHIPPABLE = EnumSet.of(OrderState.CONFIRMED, OrderState.PAID);

    private final String id;
    private final String number;
    private final String userId;
    private final List<OrderLine> lines;
    private final Totals totals;
    private final ShippingAddress shippingAddress;
    private final String note;
    private final Placement placement;
    private final Instant createdAt;
    private final long version;
    private final List<StatusChange> statusHistory;
    private OrderState status;
    private Payment payment;
    private Shipment shipment;
    private Cancellation cancellation;
    private Rejection rejection;
    private int redrives;
    private Instant lastRedriveAt;
    private Instant updatedAt;

    /** Restores an order as stored; new orders come from {@link #place}. */
    public Order(String id, String number, String userId, OrderState status, List<OrderLine> lines, Totals totals,
            ShippingAddress shippingAddress, Payment payment, String note, Placement placement,
            List<StatusChange> statusHistory, Shipment shipment, Cancellation cancellation, Rejection rejection,
            int redrives, Instant lastRedriveAt, Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.number = Objects.requireNonNull(number, "number");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.status = Objects.requireNonNull(status, "status");
        this.lines = List.copyOf(lines);
        this.totals = Objects.requireNonNull(totals, "totals");
        this.shippingAddress = shippingAddress;
        this.payment = Objects.requireNonNull(payment, "payment");
        this.note = note;
        this.placement = Objects.requireNonNull(placement, "placement");
        this.statusHistory = new ArrayList<>(statusHistory);
        this.shipment = shipment;
        this.cancellation = cancellation;
        this.rejection = rejection;
        this.redrives = redrives;
        this.lastRedriveAt = lastRedriveAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = updatedAt == null ? createdAt : updatedAt;
        this.version = version;
    }

    /**
     * A new order, {@code PENDING} until the catalogue answers its stock reservation. Announce it with
     * {@link #placed()}.
     */
    public static Order place(String id, String number, String userId, List<OrderLine> lines, Money shipping,
            ShippingAddress shippingAddress, PaymentMethod paymentMethod, String note, Placement placement,
            Instant now) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        return new Order(id, number, userId, OrderState.PENDING, lines, Totals.of(lines, shipping), shippingAddress,
                Payment.initial(paymentMethod), note, placement,
                List.of(new StatusChange(OrderState.PENDING, now, "Order placed")), null, null, null, 0, null, now,
                now, 0);
    }

    /** The event announcing the order; also what a re-drive publishes again. */
    public OrderPlaced placed() {
        return new OrderPlaced(id, number, userId, contractLines(), totals.subtotal(), totals.discountTotal(),
                totals.shippingTotal(), totals.total(), payment.method().name(), createdAt);
    }

    // ---- the catalogue's answers (saga)

    /**
     * Every line is reserved: a cash order is confirmed (sold), a card order waits for its payment, at most
     * {@code paymentWindow}. Nothing happens when the order is no longer pending (a redelivered answer, or one that
     * arrived after a cancellation or a timeout).
     */
    public List<Object> stockReserved(Instant now, Duration paymentWindow) {
        if (status != OrderState.PENDING) {
            return List.of();
        }
        if (payment.method() == PaymentMethod.COD) {
            moveTo(OrderState.CONFIRMED, now, "Stock reserved; pay cash on delivery");
            return List.of(new OrderConfirmed(id, number, userId, contractLines(), now, placement.cartAsOf()));
        }
        // Nothing is sold until the payment arrives; the catalogue holds the stock meanwhile.
        Instant dueBy = now.plus(paymentWindow).truncatedTo(ChronoUnit.MILLIS);
        payment = payment.due(dueBy);
        moveTo(OrderState.AWAITING_PAYMENT, now, "Stock reserved; waiting for the card payment");
        return List.of(new OrderAwaitingPayment(id, number, userId, totals.total(), dueBy, now));
    }

    /** Some lines could not be reserved (the catalogue holds nothing for the order); no-op when no longer pending. */
    public List<Object> stockRejected(List<Rejection.RejectedLine> failed, Instant now) {
        if (status != OrderState.PENDING) {
            return List.of();
        }
        Set<String> reasons = failed.stream().map(Rejection.RejectedLine::reason).collect(Collectors.toSet());
        String reason = reasons.size() == 1 ? reasons.iterator().next() : Rejection.STOCK_UNAVAILABLE;
        String detail = failed.isEmpty() ? "The stock could not be reserved"
                : "Not enough stock: " + String.join("; ", failed.stream().map(this::describe).toList());
        return reject(new Rejection(reason, detail, failed, now), now);
    }

    /**
     * Publishes {@link OrderPlaced} again for an order the catalogue has not answered: at most {@code maxRedrives}
     * times, {@code spacing} apart. The catalogue reserves at most once per order, so a second delivery is harmless.
     */
    public List<Object> redrive(Instant now, Duration spacing, int maxRedrives) {
        Instant last = lastRedriveAt == null ? createdAt : lastRedriveAt;
        if (status != OrderState.PENDING || redrives >= maxRedrives || last.plus(spacing).isAfter(now)) {
            return List.of();
        }
        redrives++;
        lastRedriveAt = now;
        updatedAt = now;
        return List.of(placed());
    }

    /**
     * Rejects an order the catalogue has not answered within {@code limit}, so that none stays pending forever. The
     * catalogue gives back whatever it might have reserved when it sees {@link OrderRejected}.
     */
    public List<Object> expire(Instant now, Duration limit) {
        if (status != OrderState.PENDING || createdAt.plus(limit).isAfter(now)) {
            return List.of();
        }
        return reject(new Rejection(Rejection.STOCK_TIMEOUT,
                "The stock could not be reserved in time; nothing was charged", List.of(), now), now);
    }

    // ---- payment

    /**
     * Opens {@code offered} (a session the card provider created for this order) unless a session that still takes a
     * payment is open: then that one stays, so concurrent requests share one session. Read the result from
     * {@link Payment#openSession}.
     *
     * @throws ProblemException 422 for a cash order; 409 unless the order waits for its payment
     */
    public List<Object> openPaymentSession(PaymentSession offered, Instant now) {
        requirePayable(now);
        if (payment.openSession(now).isPresent()) {
            return List.of();
        }
        if (!offered.amount().equals(totals.total())) {
            throw new IllegalArgumentException("a payment session charges the order's total");
        }
        payment = payment.opened(offered);
        updatedAt = now;
        return List.of();
    }

    /**
     * Checks that a card payment can start now.
     *
     * @throws ProblemException 422 for a cash order; 409 unless the order waits for its payment
     */
    public void requirePayable(Instant now) {
        if (payment.method() != PaymentMethod.CARD) {
            throw ProblemException.businessRule("Order " + number + " is paid in cash on delivery");
        }
        if (status == OrderState.PENDING) {
            throw ProblemException.conflict("Order " + number + " is not ready for payment yet: its stock is being "
                    + "reserved; try again in a moment");
        }
        if (status != OrderState.AWAITING_PAYMENT) {
            throw ProblemException.conflict("Order " + number + " is " + status + " and takes no payment");
        }
    }

    /**
     * The provider took {@code amount} for this order. Waiting for its payment and the amount is the total: the order is
     * paid. Otherwise the payment is recorded and its refund becomes due: the order was cancelled or rejected
     * ({@code LATE_PAYMENT}), was paid already ({@code DUPLICATE_PAYMENT}) or the amount is not the total
     * ({@code AMOUNT_MISMATCH}). The same payment reported again (a redelivered webhook, the client's return racing the
     * webhook) changes nothing.
     */
    public List<Object> paymentSucceeded(String provider, String reference, String sessionId, Money amount,
            Instant now) {
        if (payment.hasAttempt(reference, Outcome.SUCCEEDED)) {
            return List.of();
        }
        if (status == OrderState.AWAITING_PAYMENT && totals.total().equals(amount)) {
            payment = payment.captured(new PaymentAttempt(provider, reference, sessionId, Outcome.SUCCEEDED, amount,
                    null, now));
            moveTo(OrderState.PAID, now, "Payment received");
            return List.of(new OrderPaid(id, number, userId, amount, provider, reference, now, contractLines(),
                    placement.cartAsOf()));
        }
        String why = status == OrderState.AWAITING_PAYMENT ? OrderRefunded.AMOUNT_MISMATCH
                : status == OrderState.CANCELLED || status == OrderState.REJECTED ? OrderRefunded.LATE_PAYMENT
                        : OrderRefunded.DUPLICATE_PAYMENT;
        payment = payment.recorded(new PaymentAttempt(provider, reference, sessionId, Outcome.SUCCEEDED, amount, why,
                now)).refundDue(Refund.due(provider, reference, amount, why, now));
        if (payment.reference() == null && OrderRefunded.LATE_PAYMENT.equals(why)) {
            payment = payment.taking(provider, reference);
        }
        settleRefundStatus();
        updatedAt = now;
        return List.of();
    }

    /**
     * A payment failed. Recorded (once per reference); an order waiting for its payment keeps waiting and announces the
     * failure.
     */
    public List<Object> paymentFailed(String provider, String reference, String sessionId, Money amount, String reason,
            Instant now) {
        if (payment.hasAttempt(reference, Outcome.FAILED)) {
            return List.of();
        }
        payment = payment.recorded(new PaymentAttempt(provider, reference, sessionId, Outcome.FAILED,
                amount == null ? totals.total() : amount, reason, now));
        updatedAt = now;
        if (status != OrderState.AWAITING_PAYMENT) {
            return List.of();
        }
        return List.of(new OrderPaymentFailed(id, number, userId, totals.total(), provider, reference, reason,
                (int) payment.failedAttempts(), now));
    }

    /** Cancels an order whose payment did not arrive by its due time; the catalogue gives the stock back. */
    public List<Object> expirePayment(Instant now) {
        if (status != OrderState.AWAITING_PAYMENT || payment.dueBy() == null || payment.dueBy().isAfter(now)) {
            return List.of();
        }
        return cancel(Actor.SYSTEM, Cancellation.PAYMENT_TIMEOUT, now);
    }

    /** The provider confirmed the refund of {@code paymentReference}. Confirmed again: nothing changes. */
    public List<Object> refunded(String paymentReference, String refundReference, Instant now) {
        Optional<Refund> due = payment.refundsDue().stream()
                .filter(r -> r.paymentReference().equals(paymentReference)).findFirst();
        if (due.isEmpty()) {
            return List.of();
        }
        payment = payment.refunded(paymentReference, refundReference, now);
        settleRefundStatus();
        updatedAt = now;
        Refund refund = due.get();
        return List.of(new OrderRefunded(id, number, userId, refund.amount(), refund.provider(), paymentReference,
                refundReference, refund.reason(), now));
    }

    // ---- people's commands

    /**
     * Cancels the order before it ships; the catalogue gives the stock back. A paid order is cancelled with a refund due.
     *
     * @throws IllegalTransitionException once shipped, delivered, rejected or cancelled
     */
    public List<Object> cancel(Actor by, String reason, Instant now) {
        if (!CANCELLABLE.contains(status)) {
            throw new IllegalTransitionException(AGGREGATE, id, status, OrderState.CANCELLED);
        }
        OrderState previous = status;
        boolean refundDue = payment.status() == PaymentStatus.PAID;
        if (refundDue) {
            payment = payment.refundDue(Refund.due(payment.provider(), payment.reference(), totals.total(),
                    OrderRefunded.ORDER_CANCELLED, now));
        }
        payment = payment.withStatus(refundDue ? PaymentStatus.REFUND_DUE : PaymentStatus.VOIDED);
        cancellation = new Cancellation(by, reason, previous, refundDue, now);
        moveTo(OrderState.CANCELLED, now, reason);
        return List.of(new OrderCancelled(id, number, userId, previous.name(), reason, by.name(), refundDue, now));
    }

    /** @throws IllegalTransitionException unless confirmed (cash) or paid (card) */
    public List<Object> ship(String carrier, String trackingNumber, Instant now) {
        if (!SHIPPABLE.contains(status)) {
            throw new IllegalTransitionException(AGGREGATE, id, status, OrderState.SHIPPED);
        }
        shipment = new Shipment(carrier, trackingNumber, now);
        moveTo(OrderState.SHIPPED, now, "Shipped with " + carrier + ", tracking number " + trackingNumber);
        return List.of(new OrderShipped(id, number, userId, carrier, trackingNumber, now));
    }

    /** Delivered; cash on delivery counts as collected. @throws IllegalTransitionException unless shipped */
    public List<Object> deliver(Instant now) {
        if (status != OrderState.SHIPPED) {
            throw new IllegalTransitionException(AGGREGATE, id, status, OrderState.DELIVERED);
        }
        if (payment.method() == PaymentMethod.COD) {
            payment = payment.withStatus(PaymentStatus.PAID);
        }
        moveTo(OrderState.DELIVERED, now, "Delivered");
        return List.of(new OrderDelivered(id, number, userId, contractLines(), now));
    }

    // ---- internals

    /**
     * A cancelled or rejected order's money is due back while any refund is due, and refunded once none is. (A paid
     * order keeps {@code PAID} while a duplicate payment is refunded: its own payment stands.)
     */
    private void settleRefundStatus() {
        if ((status == OrderState.CANCELLED || status == OrderState.REJECTED) && !payment.refunds().isEmpty()) {
            payment = payment.withStatus(payment.refundsDue().isEmpty() ? PaymentStatus.REFUNDED
                    : PaymentStatus.REFUND_DUE);
        }
    }

    private List<Object> reject(Rejection why, Instant now) {
        rejection = why;
        payment = payment.withStatus(PaymentStatus.VOIDED);
        moveTo(OrderState.REJECTED, now, why.detail());
        return List.of(new OrderRejected(id, number, userId, why.reason(), why.detail(), now));
    }

    private void moveTo(OrderState next, Instant now, String reason) {
        status = next;
        updatedAt = now;
        statusHistory.add(new StatusChange(next, now, reason));
    }

    private String describe(Rejection.RejectedLine line) {
        String name = lines.stream().filter(l -> l.productId().equals(line.productId())).map(OrderLine::name)
                .filter(Objects::nonNull).findFirst().orElse("product " + line.productId());
        return switch (line.reason()) {
            case StockRejected.OUT_OF_STOCK -> name + " is out of stock";
            case StockRejected.INSUFFICIENT_STOCK -> name + ": " + line.available() + " of " + line.requested()
                    + " available";
            case StockRejected.NOT_AVAILABLE -> name + " is no longer for sale";
            case StockRejected.NOT_FOUND -> name + " is no longer in the catalogue";
            default -> name + ": " + line.reason();
        };
    }

    private List<dev.shop.contracts.orders.OrderLine> contractLines() {
        return lines.stream().map(OrderLine::toContract).toList();
    }

    public String id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String userId() {
        return userId;
    }

    public OrderState status() {
        return status;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Totals totals() {
        return totals;
    }

    public ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    public Payment payment() {
        return payment;
    }

    public String note() {
        return note;
    }

    public Placement placement() {
        return placement;
    }

    public List<StatusChange> statusHistory() {
        return List.copyOf(statusHistory);
    }

    public Shipment shipment() {
        return shipment;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public Rejection rejection() {
        return rejection;
    }

    public int redrives() {
        return redrives;
    }

    public Instant lastRedriveAt() {
        return lastRedriveAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }
}
