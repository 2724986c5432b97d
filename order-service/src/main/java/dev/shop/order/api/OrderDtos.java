package dev.shop.order.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.shop.contracts.common.Money;
import dev.shop.order.domain.Cancellation;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.domain.Payment;
import dev.shop.order.domain.PaymentSession;
import dev.shop.order.domain.PriceChange;
import dev.shop.order.domain.Rejection;
import dev.shop.order.domain.Shipment;
import dev.shop.order.domain.ShippingAddress;
import dev.shop.order.domain.StatusChange;

/** Request and response bodies of the order API. Requests never bind prices, statuses of lines or the user id. */
public final class OrderDtos {

    private OrderDtos() {
    }

    /**
     * {@code POST /orders}: the cart becomes the order; exactly one of {@code addressId} and {@code shippingAddress}.
     */
    public record PlaceOrderRequest(
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be an address id") String addressId,
            @Valid AddressRequest shippingAddress,
            @NotNull @Pattern(regexp = "COD|CARD", message = "must be COD or CARD") String paymentMethod,
            @Size(max = 40) String couponCode,
            @Size(max = 500) String note) {
    }

    /** An address typed in at checkout; checked and normalised by the service (phone to E.164, PIN codes...). */
    public record AddressRequest(String fullName, String phoneNumber, String line1, String line2, String landmark,
            String city, String state, String postalCode, String country) {

        ShippingAddress toDomain() {
            return new ShippingAddress(fullName, phoneNumber, line1, line2, landmark, city, state, postalCode,
                    country);
        }
    }

    /** {@code POST /orders/{id}/cancel}. */
    public record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * {@code PATCH /orders/{id}/status} (admin): {@code SHIPPED} with carrier and tracking number, {@code DELIVERED}, or
     * {@code CANCELLED} with a reason. {@code version}, when sent, must be the order's current version.
     */
    public record StatusChangeRequest(
            @NotNull @Pattern(regexp = "SHIPPED|DELIVERED|CANCELLED", message = "must be SHIPPED, DELIVERED or CANCELLED") String status,
            @Size(max = 100) String carrier,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._/-]*", message = "must be letters, digits, spaces or . _ / -") String trackingNumber,
            @Size(max = 500) String reason,
            @PositiveOrZero Long version) {
    }

    /** The answer to a placed order (202), the same for every request with the same Idempotency-Key. */
    public record PlacedResponse(String id, String number, String status, Money total,
            List<PriceChangeView> priceChanges) {

        static PlacedResponse of(Order order) {
            return new PlacedResponse(order.id(), order.number(), "PENDING", order.totals().total(),
                    order.placement().priceChanges().stream().map(PriceChangeView::of).toList());
        }
    }

    public record PriceChangeView(String productId, String name, Money cartPrice, Money price) {
        static PriceChangeView of(PriceChange c) {
            return new PriceChangeView(c.productId(), c.name(), c.cartPrice(), c.price());
        }
    }

    public record OrderView(String id, String number, String userId, String status, List<LineView> lines,
            Money subtotal, Money discountTotal, Money shippingTotal, Money total, AddressView shippingAddress,
            PaymentView payment, List<StatusChangeView> statusHistory, ShipmentView shipment,
            CancellationView cancellation, RejectionView rejection, String couponCode, String note,
            List<PriceChangeView> priceChanges, Instant createdAt, Instant updatedAt, long version) {

        static OrderView of(Order o) {
            return new OrderView(o.id(), o.number(), o.userId(), o.status().name(),
                    o.lines().stream().map(LineView::of).toList(), o.totals().subtotal(), o.totals().discountTotal(),
                    o.totals().shippingTotal(), o.totals().total(), AddressView.of(o.shippingAddress()),
                    PaymentView.of(o.payment()), o.statusHistory().stream().map(StatusChangeView::of).toList(),
                    ShipmentView.of(o.shipment()), CancellationView.of(o.cancellation()),
                    RejectionView.of(o.rejection()), o.placement().couponCode(), o.note(),
                    o.placement().priceChanges().stream().map(PriceChangeView::of).toList(), o.createdAt(),
                    o.updatedAt(), o.version());
        }
    }

    public record LineView(String productId, String sku, String name, String image, Money unitPrice, int quantity,
            Money discount, Money lineTotal) {
        static LineView of(OrderLine l) {
            return new LineView(l.productId(), l.sku(), l.name(), l.image(), l.unitPrice(), l.quantity(),
                    l.discount(), l.lineTotal());
        }
    }

    public record AddressView(String fullName, String phoneNumber, String line1, String line2, String landmark,
            String city, String state, String postalCode, String country) {
        static AddressView of(ShippingAddress a) {
            return a == null ? null
                    : new AddressView(a.fullName(), a.phoneNumber(), a.line1(), a.line2(), a.landmark(), a.city(),
                            a.state(), a.postalCode(), a.country());
        }
    }

    /**
     * The order's payment. {@code session} leaves out the client secret (only {@code POST /orders/{id}/payment} hands
     * it out).
     */
    public record PaymentView(String method, String status, String provider, String reference, Instant dueBy,
            SessionView session, List<AttemptView> attempts, List<RefundView> refunds) {
        static PaymentView of(Payment p) {
            PaymentSession s = p.session();
            return new PaymentView(p.method().name(), p.status().name(), p.provider(), p.reference(), p.dueBy(),
                    s == null ? null : new SessionView(s.id(), s.provider(), s.amount(), s.expiresAt()),
                    p.attempts().stream().map(a -> new AttemptView(a.provider(), a.reference(), a.outcome().name(),
                            a.amount(), a.reason(), a.at())).toList(),
                    p.refunds().stream().map(r -> new RefundView(r.provider(), r.paymentReference(), r.amount(),
                            r.reason(), r.status().name(), r.refundReference(), r.requestedAt(), r.refundedAt()))
                            .toList());
        }
    }

    public record SessionView(String id, String provider, Money amount, Instant expiresAt) {
    }

    public record AttemptView(String provider, String reference, String outcome, Money amount, String reason,
            Instant at) {
    }

    public record RefundView(String provider, String paymentReference, Money amount, String reason, String status,
            String refundReference, Instant requestedAt, Instant refundedAt) {
    }

    public record StatusChangeView(String status, Instant at, String reason) {
        static StatusChangeView of(StatusChange c) {
            return new StatusChangeView(c.status().name(), c.at(), c.reason());
        }
    }

    public record ShipmentView(String carrier, String trackingNumber, Instant shippedAt) {
        static ShipmentView of(Shipment s) {
            return s == null ? null : new ShipmentView(s.carrier(), s.trackingNumber(), s.shippedAt());
        }
    }

    public record CancellationView(String by, String reason, String previousStatus, boolean refundDue, Instant at) {
        static CancellationView of(Cancellation c) {
            return c == null ? null
                    : new CancellationView(c.by().name(), c.reason(), c.previousStatus().name(), c.refundDue(),
                            c.at());
        }
    }

    public record RejectionView(String reason, String detail, List<RejectedLineView> lines, Instant at) {
        static RejectionView of(Rejection r) {
            return r == null ? null
                    : new RejectionView(r.reason(), r.detail(), r.lines().stream()
                            .map(l -> new RejectedLineView(l.productId(), l.requested(), l.available(), l.reason()))
                            .toList(), r.at());
        }
    }

    public record RejectedLineView(String productId, int requested, int available, String reason) {
    }
}
