package dev.shop.catalog.persistence;

import java.util.ArrayList;
import java.util.List;

import dev.shop.catalog.domain.ReservationStatus;
import dev.shop.catalog.domain.StockReservation;
import dev.shop.catalog.persistence.ReservationDocument.LineDocument;
import dev.shop.catalog.persistence.ReservationDocument.RejectionDocument;
import dev.shop.kit.aggregate.AggregateMapper;

/** Maps stock reservations between the domain and {@code stock_reservations}. */
public final class ReservationMapper implements AggregateMapper<StockReservation, ReservationDocument> {

    @Override
    public StockReservation toDomain(ReservationDocument d) {
        List<StockReservation.Line> lines = d.lines == null ? List.of()
                : d.lines.stream().map(l -> new StockReservation.Line(l.productId, l.sku, l.quantity)).toList();
        List<StockReservation.Rejection> rejections = d.rejections == null ? List.of()
                : d.rejections.stream()
                        .map(r -> new StockReservation.Rejection(r.productId, r.requested, r.available, r.reason))
                        .toList();
        return new StockReservation(d.id, d.userId, ReservationStatus.parse(d.status).orElse(ReservationStatus.PENDING),
                lines, rejections, d.releaseReason, ReservationStatus.parse(d.releasedFrom).orElse(null), d.sold,
                d.createdAt, d.decidedAt, d.releasedAt, d.completedAt, d.version);
    }

    @Override
    public ReservationDocument toDocument(StockReservation r) {
        ReservationDocument d = new ReservationDocument();
        d.id = r.orderId();
        d.userId = r.userId();
        d.status = r.status().name();
        d.lines = new ArrayList<>(r.lines().stream()
                .map(l -> new LineDocument(l.productId(), l.sku(), l.quantity())).toList());
        d.rejections = new ArrayList<>(r.rejections().stream()
                .map(x -> new RejectionDocument(x.productId(), x.requested(), x.available(), x.reason())).toList());
        d.releaseReason = r.releaseReason();
        d.releasedFrom = r.releasedFrom() == null ? null : r.releasedFrom().name();
        d.sold = r.sold();
        d.createdAt = r.createdAt();
        d.decidedAt = r.decidedAt();
        d.releasedAt = r.releasedAt();
        d.completedAt = r.completedAt();
        d.version = r.version();
        return d;
    }
}
