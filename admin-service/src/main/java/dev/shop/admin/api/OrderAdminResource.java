package dev.shop.admin.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.admin.application.OrderAdministration;
import dev.shop.admin.application.OrderIndex;
import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.OrderCriteria;
import dev.shop.admin.domain.OrderProgress;
import dev.shop.admin.persistence.MoneyDocument;
import dev.shop.admin.persistence.OrderEntryDocument;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.orders.OrderStatus;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/** The order index (read model) and status changes, carried out by order-service and audited here. */
@Path("/api/v1/admin/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class OrderAdminResource {

    public record LineView(String productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {
    }

    public record StatusView(String status, Instant at) {
    }

    /** The latest failed card payment; {@code attempt} counts the order's failed attempts, this one included. */
    public record PaymentFailureView(int attempt, String provider, String reference, String reason, Instant at) {
    }

    public record RefundView(Money amount, String provider, String paymentReference, String refundReference,
            String reason, Instant refundedAt) {
    }

    /**
     * @param paymentDueBy a card order waiting for its payment is cancelled unless paid by then
     * @param paymentFailures failed card payments of the order so far (absent when none failed)
     * @param refundDue whether the cancellation owes a refund that has not been made yet
     * @param refunds refunds the payment provider confirmed, oldest first
     */
    public record OrderView(String id, String number, String userId, String status, Instant statusAt,
            Instant placedAt, String paymentMethod, List<LineView> lines, Money subtotal, Money discountTotal,
            Money shippingTotal, Money total, List<StatusView> statusHistory, String carrier, String trackingNumber,
            String paymentProvider, String paymentReference, String cancelReason, String cancelledBy,
            Boolean refundDue, String rejectReason, String rejectDetail, Instant paymentDueBy,
            Integer paymentFailures, PaymentFailureView lastPaymentFailure, List<RefundView> refunds) {

        static OrderView of(OrderEntryDocument o) {
            List<LineView> lines = o.lines == null ? List.of()
                    : o.lines.stream().map(l -> new LineView(l.productId, l.sku, l.name, money(l.unitPrice), l.quantity,
                            money(l.lineTotal))).toList();
            List<StatusView> history = o.history == null ? List.of()
                    : o.history.stream().map(h -> new StatusView(h.status, h.at))
                            .sorted(Comparator.comparing(StatusView::at, Comparator.nullsFirst(Comparator.naturalOrder())))
                            .toList();
            PaymentFailureView failure = o.lastPaymentFailure == null ? null
                    : new PaymentFailureView(o.lastPaymentFailure.attempt, o.lastPaymentFailure.provider,
                            o.lastPaymentFailure.reference, o.lastPaymentFailure.reason, o.lastPaymentFailure.at);
            List<RefundView> refunds = o.refunds == null ? List.of()
                    : o.refunds.stream().map(r -> new RefundView(money(r.amount), r.provider, r.paymentReference,
                            r.refundReference, r.reason, r.refundedAt))
                            .sorted(Comparator.comparing(RefundView::refundedAt,
                                    Comparator.nullsFirst(Comparator.naturalOrder())))
                            .toList();
            return new OrderView(o.id, o.number, o.userId, o.status, o.statusAt, o.placedAt, o.paymentMethod, lines,
                    money(o.subtotal), money(o.discountTotal), money(o.shippingTotal), money(o.total), history,
                    o.carrier, o.trackingNumber, o.paymentProvider, o.paymentReference, o.cancelReason, o.cancelledBy,
                    o.refundDue, o.rejectReason, o.rejectDetail, o.paymentDueBy, o.paymentFailures, failure, refunds);
        }

        private static Money money(MoneyDocument m) {
            return m == null ? null : m.toMoney();
        }
    }

    /** The search parameters of {@code GET /admin/orders}. */
    public static class OrderQuery {
        @QueryParam("status")
        String status;
        @QueryParam("userId")
        String userId;
        @QueryParam("number")
        String number;
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;

        OrderCriteria toCriteria(AdminConfig config) {
            List<Problem.Violation> violations = new ArrayList<>();
            QueryValues values = new QueryValues(violations);
            Instant fromInstant = values.instant("from", from, config.zone(), false);
            Instant toInstant = values.instant("to", to, config.zone(), true);
            values.rangeInOrder("from", fromInstant, toInstant);
            OrderCriteria criteria = new OrderCriteria(values.oneOf("status", status, OrderProgress.ALL),
                    values.text("userId", userId), values.text("number", number), fromInstant, toInstant);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return criteria;
        }
    }

    /** {@code {status: SHIPPED, carrier, trackingNumber}} or {@code {status: DELIVERED}}. */
    public record StatusChangeRequest(
            @NotNull @Pattern(regexp = "SHIPPED|DELIVERED", message = "must be SHIPPED or DELIVERED") String status,
            @Size(min = 1, max = 100) String carrier,
            @Size(min = 1, max = 100) String trackingNumber) {

        /** A shipment names its carrier and tracking number. */
        void requireShipment() {
            if (!OrderStatus.SHIPPED.equals(status)) {
                return;
            }
            List<Problem.Violation> missing = new ArrayList<>();
            if (carrier == null || carrier.isBlank()) {
                missing.add(new Problem.Violation("carrier", "is required when the status is SHIPPED"));
            }
            if (trackingNumber == null || trackingNumber.isBlank()) {
                missing.add(new Problem.Violation("trackingNumber", "is required when the status is SHIPPED"));
            }
            if (!missing.isEmpty()) {
                throw ProblemException.invalid(missing);
            }
        }
    }

    private final OrderIndex index;
    private final OrderAdministration administration;
    private final AdminCallers callers;
    private final AdminConfig config;

    public OrderAdminResource(OrderIndex index, OrderAdministration administration, AdminCallers callers,
            AdminConfig config) {
        this.index = index;
        this.administration = administration;
        this.callers = callers;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search the order index by status, customer (userId), number and placement date (from, to: "
            + "days in the shop's zone or instants); newest first")
    public Uni<RestResponse<Page<OrderView>>> search(@BeanParam OrderQuery query, @BeanParam PageParams page) {
        return index.search(query.toCriteria(config), page.toRequest()).map(p -> RestResponse.ok(p.map(OrderView::of)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order as the order index knows it")
    public Uni<RestResponse<OrderView>> get(@PathParam("id") String id) {
        return index.find(Ids.require("id", id)).map(found -> RestResponse.ok(OrderView.of(
                found.orElseThrow(() -> ProblemException.notFound("No order " + id + " in the order index")))));
    }

    @PATCH
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark an order shipped (with carrier and tracking number) or delivered (order-service; "
            + "audited). Answers with order-service's answer")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> changeStatus(@PathParam("id") String id, @Valid @NotNull StatusChangeRequest request) {
        String orderId = Ids.require("id", id);
        request.requireShipment();
        return administration.changeStatus(callers.current(), orderId, request.status(),
                request.carrier(), request.trackingNumber()).map(Replies::passOn);
    }
}
