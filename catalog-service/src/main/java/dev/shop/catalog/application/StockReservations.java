package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.domain.ProductStatus;
import dev.shop.catalog.domain.ReservationStatus;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.catalog.persistence.PurchaseRepository;
import dev.shop.catalog.persistence.ReservationDocument;
import dev.shop.catalog.persistence.ReservationDocument.LineDocument;
import dev.shop.catalog.persistence.ReservationDocument.RejectionDocument;
import dev.shop.catalog.persistence.ReservationRepository;
import dev.shop.contracts.catalog.StockLine;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReleased;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The catalogue's part of the checkout saga (DESIGN §6.2).
 * <p>
 * <b>Taking stock.</b> Each line is taken with one conditional update of its product:
 * {@code {_id, status: active, stock >= q, holds.orderId != order}} → {@code $inc stock -q, $push holds {order, q}}. The
 * condition on the stock makes overselling impossible however many orders race; the hold, written in the same update,
 * makes taking idempotent per (order, product): a redelivered event, a re-run after a crash or a second consumer finds
 * the hold and takes nothing. Giving back is the mirror image, conditional on the hold and removing it, so it happens
 * once.
 * <p>
 * <b>Deciding.</b> The order's reservation record moves through {@link ReservationStatus} with conditional updates, the
 * announcing event (StockReserved, StockRejected, StockReleased) appended by the same update. A failed line claims
 * {@code REJECTING} before giving anything back, so a concurrent run that took everything can no longer announce
 * RESERVED, and vice versa.
 */
@ApplicationScoped
public class StockReservations {

    /** What the reservation of an order came to. */
    public record Outcome(String orderId, ReservationStatus status, List<RejectionDocument> rejections) {
    }

    private record Check(StockRequest.Line line, String sku, RejectionDocument rejection) {
        boolean taken() {
            return rejection == null;
        }
    }

    private final ProductRepository products;
    private final ReservationRepository reservations;
    private final PurchaseRepository purchases;
    private final StockLevels levels;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public StockReservations(ProductRepository products, ReservationRepository reservations,
            PurchaseRepository purchases, StockLevels levels, Outbox outbox, OutboxRelay relay) {
        this.products = products;
        this.reservations = reservations;
        this.purchases = purchases;
        this.levels = levels;
        this.outbox = outbox;
        this.relay = relay;
    }

    // ---- OrderPlaced

    /** Reserves every line of the order or none. Safe to call again with the same order: nothing is taken twice. */
    public Uni<Outcome> reserve(String orderId, String userId, List<StockRequest.Line> requested) {
        List<StockRequest.Line> invalid = StockRequest.invalid(requested);
        List<StockRequest.Line> lines = invalid.isEmpty() ? StockRequest.merge(requested) : requested;
        ReservationDocument fresh = new ReservationDocument();
        fresh.id = orderId;
        fresh.userId = userId;
        fresh.status = ReservationStatus.PENDING.name();
        fresh.createdAt = Instant.now();
        lines.forEach(l -> fresh.lines.add(new LineDocument(l.productId(), null, l.quantity())));

        return reservations.persist(fresh)
                .onFailure(TaxonomyService::isDuplicateKey).recoverWithUni(() -> reservations.findById(orderId))
                .flatMap(record -> switch (status(record)) {
                    case PENDING -> invalid.isEmpty() ? takeAll(record)
                            : reject(record, invalid.stream().map(l -> new RejectionDocument(l.productId(),
                                    l.quantity(), 0, StockRejected.INVALID_QUANTITY)).toList(), List.of());
                    case REJECTING -> finishRejection(record);
                    default -> Uni.createFrom().item(outcome(record));
                });
    }

    private Uni<Outcome> takeAll(ReservationDocument record) {
        List<Check> checks = new ArrayList<>();
        return Multi.createFrom().iterable(lines(record))
                .onItem().transformToUniAndConcatenate(line -> {
                    boolean failedBefore = checks.stream().anyMatch(c -> !c.taken());
                    // After a failure the remaining lines are only checked, so the rejection names every reason.
                    Uni<Check> check = failedBefore ? inspect(record.id, line) : take(record.id, line);
                    return check.invoke(checks::add);
                })
                .collect().last()
                .flatMap(ignored -> {
                    List<RejectionDocument> failed = checks.stream().filter(c -> !c.taken())
                            .map(Check::rejection).toList();
                    if (failed.isEmpty()) {
                        return decideReserved(record, checks);
                    }
                    return reject(record, failed, checks.stream().filter(Check::taken).map(Check::line).toList());
                });
    }

    private Uni<Check> take(String orderId, StockRequest.Line line) {
        ObjectId pid = new ObjectId(line.productId());
        Document hold = new Document("orderId", orderId).append("quantity", line.quantity()).append("sold", false)
                .append("at", Instant.now());
        Bson available = Filters.and(Filters.eq("_id", pid), Filters.ne("deleted", true),
                Filters.eq("status", ProductStatus.ACTIVE.wire()), Filters.gte("stock", line.quantity()),
                Filters.ne("holds.orderId", orderId));
        Bson takeIt = Updates.combine(Updates.inc("stock", -line.quantity()), Updates.push("holds", hold),
                Updates.set("stockDirty", true), ProductWrites.touch());
        return products.mongoCollection().updateOne(available, takeIt)
                .flatMap(result -> result.getModifiedCount() == 1
                        ? products.findById(pid).map(doc -> new Check(line, doc == null ? null : doc.sku, null))
                        : inspect(orderId, line));
    }

    /** Why a line cannot be taken, or that it is already held for the order. */
    private Uni<Check> inspect(String orderId, StockRequest.Line line) {
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

    private Uni<Outcome> decideReserved(ReservationDocument record, List<Check> checks) {
        List<LineDocument> lines = checks.stream()
                .map(c -> new LineDocument(c.line().productId(), c.sku(), c.line().quantity())).toList();
        OutboxEvent event = outbox.event(Topics.CATALOG_INVENTORY, StockReserved.TYPE, StockReserved.VERSION,
                record.id, new StockReserved(record.id, lines.stream()
                        .map(l -> new StockLine(l.productId, l.sku, l.quantity)).toList()));
        return reservations.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", record.id), Filters.eq("status", ReservationStatus.PENDING.name())),
                Updates.combine(Updates.set("status", ReservationStatus.RESERVED.name()),
                        Updates.set("lines", lines), Updates.set("decidedAt", Instant.now()),
                        Updates.push("outbox", event)))
                .flatMap(result -> afterDecision(record.id, result.getModifiedCount() == 1, lineIds(record)));
    }

    /**
     * Claims the rejection (so nobody announces RESERVED any more), gives back what was taken, then announces
     * StockRejected. If another run decided first, nothing is given back: its decision stands.
     */
    private Uni<Outcome> reject(ReservationDocument record, List<RejectionDocument> rejections,
            List<StockRequest.Line> taken) {
        return reservations.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", record.id), Filters.eq("status", ReservationStatus.PENDING.name())),
                Updates.combine(Updates.set("status", ReservationStatus.REJECTING.name()),
                        Updates.set("rejections", rejections)))
                .flatMap(claim -> {
                    if (claim.getModifiedCount() == 0) {
                        return reservations.findById(record.id).map(StockReservations::outcome);
                    }
                    record.rejections = new ArrayList<>(rejections);
                    return finishRejection(record);
                });
    }

    private Uni<Outcome> finishRejection(ReservationDocument record) {
        List<StockRequest.Line> lines = lines(record).stream().filter(StockRequest.Line::isValid).toList();
        OutboxEvent event = outbox.event(Topics.CATALOG_INVENTORY, StockRejected.TYPE, StockRejected.VERSION,
                record.id, new StockRejected(record.id, record.rejections.stream()
                        .map(r -> new StockRejected.RejectedLine(r.productId, r.requested, r.available, r.reason))
                        .toList()));
        return giveBack(record.id, lines)
                .flatMap(released -> reservations.mongoCollection().updateOne(
                        Filters.and(Filters.eq("_id", record.id),
                                Filters.eq("status", ReservationStatus.REJECTING.name())),
                        Updates.combine(Updates.set("status", ReservationStatus.REJECTED.name()),
                                Updates.set("decidedAt", Instant.now()), Updates.push("outbox", event))))
                .flatMap(result -> afterDecision(record.id, result.getModifiedCount() == 1, lineIds(record)));
    }

    private Uni<Outcome> afterDecision(String orderId, boolean decidedHere, List<ObjectId> productIds) {
        if (decidedHere) {
            relay.publishSoon(ReservationDocument.COLLECTION, orderId);
        }
        return levels.announce(productIds)
                .flatMap(ok -> reservations.findById(orderId))
                .map(StockReservations::outcome);
    }

    // ---- OrderCancelled, OrderRejected

    /** Gives back everything held for the order, once, and announces it with StockReleased. */
    public Uni<Void> release(String orderId, String reason) {
        return reservations.findById(orderId).flatMap(record -> {
            if (record == null) {
                return tombstone(orderId, reason);
            }
            return switch (status(record)) {
                case PENDING, RESERVED -> claimRelease(record, reason);
                case RELEASING -> finishRelease(record);
                case REJECTING -> finishRejection(record).replaceWithVoid();
                default -> Uni.createFrom().voidItem();
            };
        });
    }

    /** An order cancelled before the catalogue saw it placed: remember that, so a late OrderPlaced reserves nothing. */
    private Uni<Void> tombstone(String orderId, String reason) {
        ReservationDocument record = new ReservationDocument();
        record.id = orderId;
        record.status = ReservationStatus.RELEASED.name();
        record.releaseReason = reason;
        record.createdAt = Instant.now();
        record.releasedAt = record.createdAt;
        return reservations.persist(record).replaceWithVoid()
                .onFailure(TaxonomyService::isDuplicateKey).recoverWithUni(() -> release(orderId, reason));
    }

    private Uni<Void> claimRelease(ReservationDocument record, String reason) {
        String from = record.status;
        return reservations.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", record.id), Filters.eq("status", from)),
                Updates.combine(Updates.set("status", ReservationStatus.RELEASING.name()),
                        Updates.set("releaseReason", reason), Updates.set("releasedFrom", from)))
                .flatMap(claim -> claim.getModifiedCount() == 1
                        ? reservations.findById(record.id).flatMap(this::finishRelease)
                        : release(record.id, reason));
    }

    private Uni<Void> finishRelease(ReservationDocument record) {
        List<StockRequest.Line> lines = lines(record).stream().filter(StockRequest.Line::isValid).toList();
        return giveBack(record.id, lines)
                .flatMap(released -> reservations.mongoCollection().updateOne(
                        Filters.and(Filters.eq("_id", record.id),
                                Filters.eq("status", ReservationStatus.RELEASING.name())),
                        Updates.combine(Updates.set("status", ReservationStatus.RELEASED.name()),
                                Updates.set("releasedAt", Instant.now()),
                                Updates.push("outbox", released(record, released)))))
                .flatMap(result -> afterDecision(record.id, result.getModifiedCount() == 1, lineIds(record)))
                .replaceWithVoid();
    }

    /**
     * StockReleased lists the order's lines. A release that interrupted a reservation before its decision (only after a
     * crash) lists what this run actually gave back, since some lines may never have been taken.
     */
    private OutboxEvent released(ReservationDocument record, List<StockRequest.Line> givenBack) {
        List<StockLine> lines = ReservationStatus.PENDING.name().equals(record.releasedFrom)
                ? givenBack.stream().map(l -> new StockLine(l.productId(), skuOf(record, l.productId()), l.quantity()))
                        .toList()
                : record.lines.stream().map(l -> new StockLine(l.productId, l.sku, l.quantity)).toList();
        return outbox.event(Topics.CATALOG_INVENTORY, StockReleased.TYPE, StockReleased.VERSION, record.id,
                new StockReleased(record.id, record.releaseReason, lines));
    }

    private static String skuOf(ReservationDocument record, String productId) {
        return record.lines.stream().filter(l -> productId.equals(l.productId)).map(l -> l.sku).findFirst()
                .orElse(null);
    }

    /**
     * Gives back the order's hold on each product: conditional on the hold and removing it, so each happens once. A hold
     * already counted as sold takes its units out of {@code soldCount} again. Returns the lines given back by this call.
     */
    private Uni<List<StockRequest.Line>> giveBack(String orderId, List<StockRequest.Line> lines) {
        return Multi.createFrom().iterable(lines)
                .onItem().transformToUniAndConcatenate(line -> {
                    ObjectId pid = new ObjectId(line.productId());
                    Bson pull = Updates.pull("holds", new Document("orderId", orderId));
                    Bson sold = Filters.and(Filters.eq("_id", pid), Filters.elemMatch("holds",
                            Filters.and(Filters.eq("orderId", orderId), Filters.eq("sold", true))));
                    Bson unsold = Filters.and(Filters.eq("_id", pid), Filters.elemMatch("holds",
                            Filters.and(Filters.eq("orderId", orderId), Filters.ne("sold", true))));
                    return products.mongoCollection().updateOne(sold, Updates.combine(
                            Updates.inc("stock", line.quantity()), Updates.inc("soldCount", -(long) line.quantity()),
                            pull, Updates.set("stockDirty", true), ProductWrites.touch()))
                            .flatMap(r -> r.getModifiedCount() == 1 ? Uni.createFrom().item(1L)
                                    : products.mongoCollection().updateOne(unsold, Updates.combine(
                                            Updates.inc("stock", line.quantity()), pull,
                                            Updates.set("stockDirty", true), ProductWrites.touch()))
                                            .map(u -> u.getModifiedCount()))
                            .map(modified -> modified == 1 ? List.of(line) : List.<StockRequest.Line> of());
                })
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    // ---- OrderConfirmed, OrderPaid

    /** Counts the order's units as sold, once per (order, product), however many confirmations arrive. */
    public Uni<Void> markSold(String orderId) {
        return reservations.findById(orderId).flatMap(record -> {
            if (record == null || status(record) != ReservationStatus.RESERVED) {
                Log.debugf("Order %s is not reserved here; nothing to count as sold", orderId);
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom().iterable(lines(record))
                    .onItem().transformToUniAndConcatenate(line -> products.mongoCollection().updateOne(
                            Filters.and(Filters.eq("_id", new ObjectId(line.productId())),
                                    Filters.elemMatch("holds", Filters.and(Filters.eq("orderId", orderId),
                                            Filters.ne("sold", true)))),
                            Updates.combine(Updates.inc("soldCount", (long) line.quantity()),
                                    Updates.set("holds.$.sold", true), ProductWrites.touch())))
                    .collect().last()
                    .flatMap(ignored -> reservations.mongoCollection().updateOne(Filters.eq("_id", orderId),
                            Updates.set("sold", true)))
                    .replaceWithVoid();
        });
    }

    // ---- OrderDelivered

    /**
     * The order arrived: its units are sold for good (the holds go away) and the customer has purchased its products.
     */
    public Uni<Void> complete(String orderId, String userId, List<String> productIds, Instant deliveredAt) {
        return markSold(orderId)
                .flatMap(ok -> reservations.findById(orderId))
                .flatMap(record -> {
                    List<StockRequest.Line> lines = record == null ? List.of() : lines(record);
                    return Multi.createFrom().iterable(lines)
                            .onItem().transformToUniAndConcatenate(line -> products.mongoCollection().updateOne(
                                    Filters.and(Filters.eq("_id", new ObjectId(line.productId())),
                                            Filters.elemMatch("holds", Filters.and(Filters.eq("orderId", orderId),
                                                    Filters.eq("sold", true)))),
                                    Updates.combine(Updates.pull("holds", new Document("orderId", orderId)),
                                            ProductWrites.touch())))
                            .collect().last()
                            .flatMap(ignored -> record == null ? Uni.createFrom().voidItem()
                                    : reservations.mongoCollection().updateOne(
                                            Filters.and(Filters.eq("_id", orderId),
                                                    Filters.eq("status", ReservationStatus.RESERVED.name())),
                                            Updates.combine(Updates.set("status", ReservationStatus.COMPLETED.name()),
                                                    Updates.set("completedAt", deliveredAt)))
                                            .replaceWithVoid());
                })
                .flatMap(ok -> Multi.createFrom().iterable(productIds.stream().distinct().toList())
                        .onItem().transformToUniAndConcatenate(
                                productId -> purchases.record(userId, productId, orderId, deliveredAt))
                        .collect().last())
                .replaceWithVoid();
    }

    // ---- helpers

    private static ReservationStatus status(ReservationDocument record) {
        return ReservationStatus.parse(record.status).orElse(ReservationStatus.PENDING);
    }

    private static List<StockRequest.Line> lines(ReservationDocument record) {
        return record.lines.stream().map(l -> new StockRequest.Line(l.productId, l.quantity)).toList();
    }

    private static List<ObjectId> lineIds(ReservationDocument record) {
        return lines(record).stream().filter(StockRequest.Line::isValid).map(l -> new ObjectId(l.productId()))
                .toList();
    }

    private static RejectionDocument rejection(StockRequest.Line line, int available, String reason) {
        return new RejectionDocument(line.productId(), line.quantity(), available, reason);
    }

    private static Outcome outcome(ReservationDocument record) {
        return new Outcome(record.id, status(record), record.rejections == null ? List.of() : record.rejections);
    }
}
