package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.ProductStatus;
import dev.shop.catalog.domain.ReservationStatus;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.catalog.domain.StockReservation;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.PurchaseRepository;
import dev.shop.catalog.persistence.ReservationDocument;
import dev.shop.catalog.persistence.ReservationMapper;
import dev.shop.catalog.persistence.ReservationRepository;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.aggregate.IllegalTransitionException;
import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The catalogue's part of the checkout saga: takes and gives back stock on the products (conditional updates in
 * {@link ProductRepository}) and records each decision on the order's {@link StockReservation}, stored through the
 * kit's aggregate store together with the event announcing it.
 * <p>
 * Several runs may handle one order at once (a consumer-group rebalance, a redelivery, a cancellation racing the
 * placement). Only one of them can make each transition; a run that loses one settles instead: whenever the
 * reservation no longer holds stock (REJECTING, REJECTED, RELEASING, RELEASED), it gives back every hold of the order
 * it finds, including the ones it took itself after the winner had given the order's stock back. Giving back is
 * conditional on the hold, so it happens once however many runs do it.
 */
@ApplicationScoped
public class StockReservations {

    /** What the reservation of an order came to. */
    public record Outcome(String orderId, ReservationStatus status, List<StockReservation.Rejection> rejections) {
    }

    /** One line after trying to take it: held (with the product's SKU) or why not. */
    private record Check(StockReservation.Line line, String sku, StockReservation.Rejection rejection) {
        boolean taken() {
            return rejection == null;
        }
    }

    private final ProductRepository products;
    private final PurchaseRepository purchases;
    private final StockLevels levels;
    private final AggregateStore<StockReservation, ReservationDocument> reservations;

    public StockReservations(ProductRepository products, ReservationRepository reservations,
            PurchaseRepository purchases, StockLevels levels, AggregateStores stores) {
        this.products = products;
        this.purchases = purchases;
        this.levels = levels;
        this.reservations = stores.of(reservations, new ReservationMapper());
    }

    // ---- OrderPlaced

    /** Reserves every line of the order or none. Safe to call again with the same order: nothing is taken twice. */
    public Uni<Outcome> reserve(String orderId, String userId, List<StockRequest.Line> requested) {
        List<StockRequest.Line> invalid = StockRequest.invalid(requested);
        List<StockRequest.Line> lines = invalid.isEmpty() ? StockRequest.merge(requested) : requested;
        // Lines of one product that add up to more than one order may hold are refused, not held.
        List<StockRequest.Line> refused = invalid.isEmpty() ? StockRequest.invalid(lines) : invalid;
        StockReservation fresh = StockReservation.place(orderId, userId, lines, Instant.now());

        return reservations.insert(fresh, List.of())
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> reservations.load(orderId))
                .flatMap(reservation -> switch (reservation.status()) {
                    case PENDING -> refused.isEmpty() ? takeAll(reservation)
                            : reject(orderId, refused.stream().map(l -> new StockReservation.Rejection(l.productId(),
                                    l.quantity(), 0, StockRejected.INVALID_QUANTITY)).toList());
                    case REJECTING -> finishRejection(reservation);
                    default -> Uni.createFrom().item(outcome(reservation));
                });
    }

    private Uni<Outcome> takeAll(StockReservation reservation) {
        String orderId = reservation.orderId();
        List<Check> checks = new ArrayList<>();
        return Multi.createFrom().iterable(reservation.lines())
                .onItem().transformToUniAndConcatenate(line -> {
                    boolean failedBefore = checks.stream().anyMatch(c -> !c.taken());
                    // After a failure the remaining lines are only checked, so the rejection names every reason.
                    Uni<Check> check = failedBefore ? inspect(orderId, line) : take(orderId, line);
                    return check.invoke(checks::add);
                })
                .collect().last()
                .flatMap(ignored -> {
                    List<StockReservation.Rejection> failed = checks.stream().filter(c -> !c.taken())
                            .map(Check::rejection).toList();
                    if (!failed.isEmpty()) {
                        return reject(orderId, failed);
                    }
                    List<StockReservation.Line> held = checks.stream()
                            .map(c -> new StockReservation.Line(c.line().productId(), c.sku(), c.line().quantity()))
                            .toList();
                    return decide(orderId, r -> r.reserve(held, Instant.now()))
                            .flatMap(decided -> decided ? afterDecision(orderId) : settle(orderId));
                });
    }

    private Uni<Check> take(String orderId, StockReservation.Line line) {
        ObjectId pid = new ObjectId(line.productId());
        return products.takeHold(pid, orderId, line.quantity())
                .flatMap(taken -> taken
                        ? products.findById(pid).map(doc -> new Check(line, doc == null ? null : doc.sku, null))
                        : inspect(orderId, line));
    }

    /** Why a line cannot be taken, or that it is already held for the order. */
    private Uni<Check> inspect(String orderId, StockReservation.Line line) {
        return products.findById(new ObjectId(line.productId())).map(doc -> {
            if (doc == null || doc.deleted) {
                return new Check(line, null, rejection(line, 0, StockRejected.NOT_FOUND));
            }
            if (doc.holds(orderId)) {
                return new Check(line, doc.sku, null);
            }
            if (!ProductStatus.ACTIVE.wire().equals(doc.status)) {
                return new Check(line, doc.sku, rejection(line, Math.max(doc.stock, 0), StockRejected.NOT_AVAILABLE));
            }
            if (doc.stock >= line.quantity()) {
                // Enough stock but not taken: only reachable when checking lines after a failure.
                return new Check(line, doc.sku, null);
            }
            return new Check(line, doc.sku, rejection(line, Math.max(doc.stock, 0),
                    doc.stock <= 0 ? StockRejected.OUT_OF_STOCK : StockRejected.INSUFFICIENT_STOCK));
        });
    }

    /**
     * Claims the rejection (so nobody announces RESERVED any more), gives back what was taken, then announces
     * StockRejected. If another run decided first, this one settles: its decision stands.
     */
    private Uni<Outcome> reject(String orderId, List<StockReservation.Rejection> rejections) {
        return reservations.modify(orderId, r -> r.beginRejection(rejections))
                .flatMap(this::finishRejection)
                .onFailure(IllegalTransitionException.class).recoverWithUni(() -> settle(orderId));
    }

    private Uni<Outcome> finishRejection(StockReservation reservation) {
        String orderId = reservation.orderId();
        return giveBack(orderId, reservation.holdableLines())
                .flatMap(givenBack -> decide(orderId, r -> r.reject(Instant.now())))
                .flatMap(decided -> afterDecision(orderId));
    }

    /**
     * Runs one transition of the order's reservation.
     *
     * @return false when another run moved the reservation first (the transition no longer applies)
     */
    private Uni<Boolean> decide(String orderId, java.util.function.Function<StockReservation, List<?>> transition) {
        return reservations.modify(orderId, transition).replaceWith(true)
                .onFailure(IllegalTransitionException.class).recoverWithItem(false);
    }

    /**
     * After losing a transition to another run: where the reservation no longer holds stock, give back whatever hold of
     * the order is left (this run may have taken a line after the winner gave the order's stock back), and help an
     * unfinished rejection or release to its end.
     */
    private Uni<Outcome> settle(String orderId) {
        return reservations.load(orderId).flatMap(reservation -> switch (reservation.status()) {
            case REJECTING -> finishRejection(reservation);
            case RELEASING -> finishRelease(reservation).flatMap(ok -> reservations.load(orderId))
                    .map(StockReservations::outcome);
            case REJECTED, RELEASED -> giveBack(orderId, reservation.holdableLines())
                    .flatMap(givenBack -> afterDecision(orderId));
            default -> Uni.createFrom().item(outcome(reservation));
        });
    }

    private Uni<Outcome> afterDecision(String orderId) {
        return reservations.load(orderId)
                .flatMap(reservation -> levels.announce(productIds(reservation)).replaceWith(outcome(reservation)));
    }

    // ---- OrderCancelled, OrderRejected

    /**
     * Gives back everything held for the order, once, and announces it with StockReleased. A reservation that was
     * rejected announces nothing more, but any hold of the order still found is given back as well.
     */
    public Uni<Void> release(String orderId, String reason) {
        return reservations.find(orderId).flatMap(found -> {
            if (found.isEmpty()) {
                return tombstone(orderId, reason);
            }
            StockReservation reservation = found.get();
            return switch (reservation.status()) {
                case PENDING, RESERVED -> reservations.modify(orderId, r -> r.beginRelease(reason))
                        .flatMap(this::finishRelease)
                        .onFailure(IllegalTransitionException.class).recoverWithUni(() -> release(orderId, reason));
                case RELEASING -> finishRelease(reservation);
                case REJECTING -> finishRejection(reservation).replaceWithVoid();
                case REJECTED, RELEASED -> giveBack(orderId, reservation.holdableLines())
                        .flatMap(givenBack -> givenBack.isEmpty() ? Uni.createFrom().voidItem()
                                : levels.announce(productIds(reservation)));
                case COMPLETED -> Uni.createFrom().voidItem();
            };
        });
    }

    /** An order cancelled before the catalogue saw it placed: remember that, so a late OrderPlaced reserves nothing. */
    private Uni<Void> tombstone(String orderId, String reason) {
        return reservations.insert(StockReservation.cancelledUnseen(orderId, reason, Instant.now()), List.of())
                .replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> release(orderId, reason));
    }

    private Uni<Void> finishRelease(StockReservation reservation) {
        String orderId = reservation.orderId();
        return giveBack(orderId, reservation.holdableLines())
                .flatMap(givenBack -> decide(orderId, r -> r.release(givenBack, Instant.now())))
                .flatMap(decided -> afterDecision(orderId))
                .replaceWithVoid();
    }

    /** Gives back the order's hold on each product, where there is one. Returns the lines given back by this call. */
    private Uni<List<StockReservation.Line>> giveBack(String orderId, List<StockReservation.Line> lines) {
        return Multi.createFrom().iterable(lines)
                .onItem().transformToUniAndConcatenate(line -> products
                        .giveBack(new ObjectId(line.productId()), orderId, line.quantity())
                        .map(given -> given ? List.of(line) : List.<StockReservation.Line> of()))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    // ---- OrderConfirmed, OrderPaid

    /** Counts the order's units as sold, once per (order, product), however many confirmations arrive. */
    public Uni<Void> markSold(String orderId) {
        return reservations.find(orderId).flatMap(found -> {
            if (found.isEmpty() || found.get().status() != ReservationStatus.RESERVED) {
                Log.debugf("Order %s is not reserved here; nothing to count as sold", orderId);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(found.get().lines())
                    .onItem().transformToUniAndConcatenate(line -> products
                            .markHoldSold(new ObjectId(line.productId()), orderId, line.quantity()))
                    .collect().last()
                    .flatMap(ignored -> decide(orderId, StockReservation::markSold))
                    .replaceWithVoid();
        });
    }

    // ---- OrderDelivered

    /**
     * The order arrived: its units are sold for good (the holds go away) and the customer has purchased its products.
     */
    public Uni<Void> complete(String orderId, String userId, List<String> productIds, Instant deliveredAt) {
        return markSold(orderId)
                .flatMap(ok -> reservations.find(orderId))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(found.get().lines())
                            .onItem().transformToUniAndConcatenate(line -> products
                                    .dropSoldHold(new ObjectId(line.productId()), orderId))
                            .collect().last()
                            .flatMap(ignored -> found.get().status() == ReservationStatus.RESERVED
                                    ? decide(orderId, r -> r.complete(deliveredAt)).replaceWithVoid()
                                    : Uni.createFrom().voidItem());
                })
                .flatMap(ok -> Multi.createFrom().iterable(productIds.stream().distinct().toList())
                        .onItem().transformToUniAndConcatenate(
                                productId -> purchases.record(userId, productId, orderId, deliveredAt))
                        .collect().last())
                .replaceWithVoid();
    }

    // ---- helpers

    private static List<ObjectId> productIds(StockReservation reservation) {
        return reservation.holdableLines().stream().map(l -> new ObjectId(l.productId())).distinct().toList();
    }

    private static StockReservation.Rejection rejection(StockReservation.Line line, int available, String reason) {
        return new StockReservation.Rejection(line.productId(), line.quantity(), available, reason);
    }

    private static Outcome outcome(StockReservation reservation) {
        return new Outcome(reservation.orderId(), reservation.status(), reservation.rejections());
    }
}
