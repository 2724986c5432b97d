package dev.shop.order.persistence;

import java.util.List;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateMapper;
import dev.shop.order.domain.Actor;
import dev.shop.order.domain.Cancellation;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.domain.OrderState;
import dev.shop.order.domain.Payment;
import dev.shop.order.domain.PaymentAttempt;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.PaymentSession;
import dev.shop.order.domain.PaymentStatus;
import dev.shop.order.domain.Placement;
import dev.shop.order.domain.PriceChange;
import dev.shop.order.domain.Refund;
import dev.shop.order.domain.Rejection;
import dev.shop.order.domain.Shipment;
import dev.shop.order.domain.ShippingAddress;
import dev.shop.order.domain.StatusChange;
import dev.shop.order.domain.Totals;
import dev.shop.order.persistence.OrderDocument.AddressDocument;
import dev.shop.order.persistence.OrderDocument.AttemptDocument;
import dev.shop.order.persistence.OrderDocument.CancellationDocument;
import dev.shop.order.persistence.OrderDocument.LineDocument;
import dev.shop.order.persistence.OrderDocument.PaymentDocument;
import dev.shop.order.persistence.OrderDocument.PriceChangeDocument;
import dev.shop.order.persistence.OrderDocument.RefundDocument;
import dev.shop.order.persistence.OrderDocument.RejectedLineDocument;
import dev.shop.order.persistence.OrderDocument.RejectionDocument;
import dev.shop.order.persistence.OrderDocument.SessionDocument;
import dev.shop.order.persistence.OrderDocument.ShipmentDocument;
import dev.shop.order.persistence.OrderDocument.StatusChangeDocument;

/** {@link Order} ↔ {@link OrderDocument}. */
public final class OrderMapper implements AggregateMapper<Order, OrderDocument> {

    @Override
    public Order toDomain(OrderDocument d) {
        return new Order(d.id.toHexString(), d.number, d.userId, OrderState.valueOf(d.status),
                d.lines.stream().map(OrderMapper::line).toList(),
                new Totals(d.subtotal.toMoney(), d.discountTotal.toMoney(), d.shippingTotal.toMoney(),
                        d.total.toMoney()),
                address(d.shippingAddress), payment(d.payment), d.note,
                new Placement(d.idempotencyKey, d.requestFingerprint, d.couponCode,
                        d.priceChanges == null ? List.of()
                                : d.priceChanges.stream().map(OrderMapper::priceChange).toList(),
                        d.cartAsOf),
                d.statusHistory.stream()
                        .map(h -> new StatusChange(OrderState.valueOf(h.status), h.at, h.reason)).toList(),
                d.shipment == null ? null
                        : new Shipment(d.shipment.carrier, d.shipment.trackingNumber, d.shipment.shippedAt),
                cancellation(d.cancellation), rejection(d.rejection), d.redrives, d.lastRedriveAt, d.createdAt,
                d.updatedAt, d.version);
    }

    @Override
    public OrderDocument toDocument(Order o) {
        OrderDocument d = new OrderDocument();
        d.id = new ObjectId(o.id());
        d.number = o.number();
        d.userId = o.userId();
        d.status = o.status().name();
        d.lines = o.lines().stream().map(OrderMapper::line).toList();
        d.subtotal = MoneyDocument.of(o.totals().subtotal());
        d.discountTotal = MoneyDocument.of(o.totals().discountTotal());
        d.shippingTotal = MoneyDocument.of(o.totals().shippingTotal());
        d.total = MoneyDocument.of(o.totals().total());
        d.shippingAddress = address(o.shippingAddress());
        d.payment = payment(o.payment());
        d.statusHistory = o.statusHistory().stream().map(OrderMapper::statusChange).toList();
        d.shipment = shipment(o.shipment());
        d.cancellation = cancellation(o.cancellation());
        d.rejection = rejection(o.rejection());
        d.note = o.note();
        d.couponCode = o.placement().couponCode();
        d.idempotencyKey = o.placement().idempotencyKey();
        d.requestFingerprint = o.placement().requestFingerprint();
        d.priceChanges = o.placement().priceChanges().stream().map(OrderMapper::priceChange).toList();
        d.cartAsOf = o.placement().cartAsOf();
        d.redrives = o.redrives();
        d.lastRedriveAt = o.lastRedriveAt();
        d.createdAt = o.createdAt();
        d.updatedAt = o.updatedAt();
        d.version = o.version();
        return d;
    }

    private static OrderLine line(LineDocument l) {
        return new OrderLine(l.productId, l.sku, l.name, l.image, l.unitPrice.toMoney(), l.quantity,
                l.discount.toMoney(), l.lineTotal.toMoney());
    }

    private static LineDocument line(OrderLine l) {
        LineDocument d = new LineDocument();
        d.productId = l.productId();
        d.sku = l.sku();
        d.name = l.name();
        d.image = l.image();
        d.unitPrice = MoneyDocument.of(l.unitPrice());
        d.quantity = l.quantity();
        d.discount = MoneyDocument.of(l.discount());
        d.lineTotal = MoneyDocument.of(l.lineTotal());
        return d;
    }

    private static ShippingAddress address(AddressDocument a) {
        return a == null ? null
                : new ShippingAddress(a.fullName, a.phoneNumber, a.line1, a.line2, a.landmark, a.city, a.state,
                        a.postalCode, a.country);
    }

    private static AddressDocument address(ShippingAddress a) {
        if (a == null) {
            return null;
        }
        AddressDocument d = new AddressDocument();
        d.fullName = a.fullName();
        d.phoneNumber = a.phoneNumber();
        d.line1 = a.line1();
        d.line2 = a.line2();
        d.landmark = a.landmark();
        d.city = a.city();
        d.state = a.state();
        d.postalCode = a.postalCode();
        d.country = a.country();
        return d;
    }

    private static Payment payment(PaymentDocument p) {
        return new Payment(PaymentMethod.valueOf(p.method), PaymentStatus.valueOf(p.status), p.provider, p.reference,
                p.dueBy, session(p.session),
                p.attempts == null ? List.of() : p.attempts.stream().map(OrderMapper::attempt).toList(),
                p.refunds == null ? List.of() : p.refunds.stream().map(OrderMapper::refund).toList());
    }

    private static PaymentDocument payment(Payment p) {
        PaymentDocument d = new PaymentDocument();
        d.method = p.method().name();
        d.status = p.status().name();
        d.provider = p.provider();
        d.reference = p.reference();
        d.dueBy = p.dueBy();
        d.session = session(p.session());
        d.attempts = p.attempts().stream().map(OrderMapper::attempt).toList();
        d.refunds = p.refunds().stream().map(OrderMapper::refund).toList();
        return d;
    }

    private static PaymentSession session(SessionDocument s) {
        return s == null ? null
                : new PaymentSession(s.id, s.provider, s.clientSecret, s.redirectUrl, s.amount.toMoney(), s.createdAt,
                        s.expiresAt);
    }

    private static SessionDocument session(PaymentSession s) {
        if (s == null) {
            return null;
        }
        SessionDocument d = new SessionDocument();
        d.id = s.id();
        d.provider = s.provider();
        d.clientSecret = s.clientSecret();
        d.redirectUrl = s.redirectUrl();
        d.amount = MoneyDocument.of(s.amount());
        d.createdAt = s.createdAt();
        d.expiresAt = s.expiresAt();
        return d;
    }

    private static PaymentAttempt attempt(AttemptDocument a) {
        return new PaymentAttempt(a.provider, a.reference, a.sessionId, PaymentAttempt.Outcome.valueOf(a.outcome),
                MoneyDocument.toMoney(a.amount), a.reason, a.at);
    }

    private static AttemptDocument attempt(PaymentAttempt a) {
        AttemptDocument d = new AttemptDocument();
        d.provider = a.provider();
        d.reference = a.reference();
        d.sessionId = a.sessionId();
        d.outcome = a.outcome().name();
        d.amount = MoneyDocument.of(a.amount());
        d.reason = a.reason();
        d.at = a.at();
        return d;
    }

    private static Refund refund(RefundDocument r) {
        return new Refund(r.provider, r.paymentReference, r.amount.toMoney(), r.reason, Refund.Status.valueOf(r.status),
                r.refundReference, r.requestedAt, r.refundedAt);
    }

    private static RefundDocument refund(Refund r) {
        RefundDocument d = new RefundDocument();
        d.provider = r.provider();
        d.paymentReference = r.paymentReference();
        d.amount = MoneyDocument.of(r.amount());
        d.reason = r.reason();
        d.status = r.status().name();
        d.refundReference = r.refundReference();
        d.requestedAt = r.requestedAt();
        d.refundedAt = r.refundedAt();
        return d;
    }

    private static StatusChangeDocument statusChange(StatusChange c) {
        StatusChangeDocument d = new StatusChangeDocument();
        d.status = c.status().name();
        d.at = c.at();
        d.reason = c.reason();
        return d;
    }

    private static ShipmentDocument shipment(Shipment s) {
        if (s == null) {
            return null;
        }
        ShipmentDocument d = new ShipmentDocument();
        d.carrier = s.carrier();
        d.trackingNumber = s.trackingNumber();
        d.shippedAt = s.shippedAt();
        return d;
    }

    private static Cancellation cancellation(CancellationDocument c) {
        return c == null ? null
                : new Cancellation(Actor.valueOf(c.by), c.reason, OrderState.valueOf(c.previousStatus), c.refundDue,
                        c.at);
    }

    private static CancellationDocument cancellation(Cancellation c) {
        if (c == null) {
            return null;
        }
        CancellationDocument d = new CancellationDocument();
        d.by = c.by().name();
        d.reason = c.reason();
        d.previousStatus = c.previousStatus().name();
        d.refundDue = c.refundDue();
        d.at = c.at();
        return d;
    }

    private static Rejection rejection(RejectionDocument r) {
        return r == null ? null
                : new Rejection(r.reason, r.detail, r.lines == null ? List.of()
                        : r.lines.stream()
                                .map(l -> new Rejection.RejectedLine(l.productId, l.requested, l.available, l.reason))
                                .toList(),
                        r.at);
    }

    private static RejectionDocument rejection(Rejection r) {
        if (r == null) {
            return null;
        }
        RejectionDocument d = new RejectionDocument();
        d.reason = r.reason();
        d.detail = r.detail();
        d.lines = r.lines().stream().map(l -> {
            RejectedLineDocument line = new RejectedLineDocument();
            line.productId = l.productId();
            line.requested = l.requested();
            line.available = l.available();
            line.reason = l.reason();
            return line;
        }).toList();
        d.at = r.at();
        return d;
    }

    private static PriceChange priceChange(PriceChangeDocument p) {
        return new PriceChange(p.productId, p.name, MoneyDocument.toMoney(p.cartPrice), p.price.toMoney());
    }

    private static PriceChangeDocument priceChange(PriceChange p) {
        PriceChangeDocument d = new PriceChangeDocument();
        d.productId = p.productId();
        d.name = p.name();
        d.cartPrice = MoneyDocument.of(p.cartPrice());
        d.price = MoneyDocument.of(p.price());
        return d;
    }
}
