package dev.shop.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.shop.contracts.catalog.StockLine;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReleased;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.kit.aggregate.IllegalTransitionException;

/**
 * The catalogue's side of one order in the checkout saga: the lines it asked for and what became of them. Each
 * transition checks the current {@link ReservationStatus}, throws {@link IllegalTransitionException} when it does not
 * allow the move, and returns the event announcing it (or nothing). What is physically held lives on the products
 * (their holds); the saga takes and gives back stock there and records the decision here.
 *
 * <pre>
 * PENDING ──reserve──▶ RESERVED ──beginRelease──▶ RELEASING ──release──▶ RELEASED
 *    │                    └──complete──▶ COMPLETED
 *    ├──beginRejection──▶ REJECTING ──reject──▶ REJECTED
 *    └──beginRelease (cancelled before a decision)──▶ RELEASING
 * </pre>
 */
public final class StockReservation {

    /** One product of the order and how many units of it; the SKU once it was held. */
    public record Line(String productId, String sku, int quantity) {

        /** A product id that can exist and a quantity the catalogue can hold. */
        public boolean isValid() {
            return new StockRequest.Line(productId, quantity).isValid();
        }
    }

    /** Why a line could not be held. */
    public record Rejection(String productId, int requested, int available, String reason) {
    }

    private static final String NAME = "stock reservation";
    /** States whose order may hold stock; in every other state each hold of the order must be given back. */
    private static final Set<ReservationStatus> HOLDING = Set.of(ReservationStatus.PENDING,
            ReservationStatus.RESERVED, ReservationStatus.COMPLETED);

    private final String orderId;
    private final String userId;
    private final Instant createdAt;
    private final long version;
    private ReservationStatus status;
    private List<Line> lines;
    private List<Rejection> rejections;
    private String releaseReason;
    private ReservationStatus releasedFrom;
    private boolean sold;
    private Instant decidedAt;
    private Instant releasedAt;
    private Instant completedAt;

    public StockReservation(String orderId, String userId, ReservationStatus status, List<Line> lines,
            List<Rejection> rejections, String releaseReason, ReservationStatus releasedFrom, boolean sold,
            Instant createdAt, Instant decidedAt, Instant releasedAt, Instant completedAt, long version) {
        this.orderId = orderId;
        this.userId = userId;
        this.status = status;
        this.lines = List.copyOf(lines);
        this.rejections = List.copyOf(rejections);
        this.releaseReason = releaseReason;
        this.releasedFrom = releasedFrom;
        this.sold = sold;
        this.createdAt = createdAt;
        this.decidedAt = decidedAt;
        this.releasedAt = releasedAt;
        this.completedAt = completedAt;
        this.version = version;
    }

    /** A placed order whose lines are about to be taken. */
    public static StockReservation place(String orderId, String userId, List<StockRequest.Line> lines, Instant now) {
        return new StockReservation(orderId, userId, ReservationStatus.PENDING,
                lines.stream().map(l -> new Line(l.productId(), null, l.quantity())).toList(), List.of(), null, null,
                false, now, null, null, null, 0);
    }

    /**
     * An order cancelled before the catalogue saw it placed: released at once, holding nothing, so that a late
     * OrderPlaced reserves nothing.
     */
    public static StockReservation cancelledUnseen(String orderId, String reason, Instant now) {
        return new StockReservation(orderId, null, ReservationStatus.RELEASED, List.of(), List.of(), reason, null,
                false, now, null, now, null, 0);
    }

    /** Every line is held: PENDING → RESERVED, announced with the lines as held (with their SKUs). */
    public List<Object> reserve(List<Line> held, Instant now) {
        require(ReservationStatus.RESERVED, ReservationStatus.PENDING);
        status = ReservationStatus.RESERVED;
        lines = List.copyOf(held);
        decidedAt = now;
        return List.of(new StockReserved(orderId,
                held.stream().map(l -> new StockLine(l.productId(), l.sku(), l.quantity())).toList()));
    }

    /**
     * A line cannot be held: PENDING → REJECTING. From here nobody may announce RESERVED; the lines already taken are
     * given back before {@link #reject}.
     */
    public List<Object> beginRejection(List<Rejection> why) {
        require(ReservationStatus.REJECTING, ReservationStatus.PENDING);
        if (why.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one rejected line");
        }
        status = ReservationStatus.REJECTING;
        rejections = List.copyOf(why);
        return List.of();
    }

    /** What was taken went back: REJECTING → REJECTED, announced with every failing line. */
    public List<Object> reject(Instant now) {
        require(ReservationStatus.REJECTED, ReservationStatus.REJECTING);
        status = ReservationStatus.REJECTED;
        decidedAt = now;
        return List.of(new StockRejected(orderId, rejections.stream()
                .map(r -> new StockRejected.RejectedLine(r.productId(), r.requested(), r.available(), r.reason()))
                .toList()));
    }

    /** The order was cancelled or rejected: PENDING or RESERVED → RELEASING; the held lines are given back next. */
    public List<Object> beginRelease(String reason) {
        require(ReservationStatus.RELEASING, ReservationStatus.PENDING, ReservationStatus.RESERVED);
        releasedFrom = status;
        status = ReservationStatus.RELEASING;
        releaseReason = reason;
        return List.of();
    }

    /**
     * Everything held went back: RELEASING → RELEASED, announced with the order's lines. A release that interrupted a
     * reservation before its decision lists what was actually given back, since some lines were never taken.
     */
    public List<Object> release(List<Line> givenBack, Instant now) {
        require(ReservationStatus.RELEASED, ReservationStatus.RELEASING);
        status = ReservationStatus.RELEASED;
        releasedAt = now;
        List<Line> announced = releasedFrom == ReservationStatus.PENDING ? givenBack : lines;
        return List.of(new StockReleased(orderId, releaseReason,
                announced.stream().map(l -> new StockLine(l.productId(), l.sku(), l.quantity())).toList()));
    }

    /** The order was confirmed or paid: its units count as sold (once). Only a reserved order has units to count. */
    public List<Object> markSold() {
        if (status == ReservationStatus.COMPLETED || sold && status == ReservationStatus.RESERVED) {
            return List.of();
        }
        if (status != ReservationStatus.RESERVED) {
            throw new IllegalTransitionException(NAME, orderId, status, "SOLD");
        }
        sold = true;
        return List.of();
    }

    /** The order was delivered: RESERVED → COMPLETED, its units sold for good. */
    public List<Object> complete(Instant at) {
        if (status == ReservationStatus.COMPLETED) {
            return List.of();
        }
        require(ReservationStatus.COMPLETED, ReservationStatus.RESERVED);
        status = ReservationStatus.COMPLETED;
        completedAt = at;
        return List.of();
    }

    /**
     * Whether the order may still hold stock. When not, any hold of the order found on a product (taken by a run that
     * lost the decision to another) must be given back.
     */
    public boolean mayHoldStock() {
        return HOLDING.contains(status);
    }

    /** The lines that name a product that can exist with a quantity that can be held: the ones that may be held. */
    public List<Line> holdableLines() {
        return lines.stream().filter(Line::isValid).toList();
    }

    public String skuOf(String productId) {
        return lines.stream().filter(l -> l.productId().equals(productId)).map(Line::sku).findFirst().orElse(null);
    }

    private void require(ReservationStatus target, ReservationStatus... allowed) {
        for (ReservationStatus from : allowed) {
            if (status == from) {
                return;
            }
        }
        throw new IllegalTransitionException(NAME, orderId, status, target);
    }

    public String orderId() {
        return orderId;
    }

    public String userId() {
        return userId;
    }

    public ReservationStatus status() {
        return status;
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    public String releaseReason() {
        return releaseReason;
    }

    public ReservationStatus releasedFrom() {
        return releasedFrom;
    }

    public boolean sold() {
        return sold;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public long version() {
        return version;
    }

}
