package dev.shop.order.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.contracts.common.Money;
import dev.shop.kit.security.CurrentUser;
import dev.shop.order.api.OrderDtos.OrderView;
import dev.shop.order.application.OrderPayments;
import dev.shop.order.domain.PaymentSession;
import io.smallrye.mutiny.Uni;

/** Paying a card order: the provider's session, and the customer's return from the provider's checkout. */
@Path("/api/v1/orders/{id}/payment")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
public class PaymentResource {

    /** What the client needs to pay with the provider's SDK or page. */
    public record PaymentSessionView(String orderId, String provider, String sessionId, String clientSecret,
            String redirectUrl, Money amount, Instant expiresAt) {

        static PaymentSessionView of(String orderId, PaymentSession s) {
            return new PaymentSessionView(orderId, s.provider(), s.id(), s.clientSecret(), s.redirectUrl(), s.amount(),
                    s.expiresAt());
        }
    }

    /** The provider's proof of payment, as its checkout handed it to the client. */
    public record ReturnRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a payment id") String paymentId,
            @NotBlank @Size(max = 256) @Pattern(regexp = "[A-Za-z0-9+/=_-]+", message = "must be a signature") String signature) {
    }

    private final OrderPayments payments;
    private final CurrentUser caller;

    public PaymentResource(OrderPayments payments, CurrentUser caller) {
        this.payments = payments;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Operation(summary = "Open the card payment of one's order", description = "For a CARD order waiting for its "
            + "payment (AWAITING_PAYMENT): the provider's session for the order's total (the amount always comes from "
            + "the order). The same session is answered while it is open. 409 while the stock is still being "
            + "reserved (PENDING) or once the order moved on; 422 for a cash order.")
    public Uni<RestResponse<PaymentSessionView>> open(@PathParam("id") String id) {
        return payments.openSession(id, caller.id()).map(session -> RestResponse.ok(PaymentSessionView.of(id,
                session)));
    }

    @POST
    @Path("/confirm")
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Back from the provider's checkout: hand over its proof of payment", description = "The "
            + "order is paid once, whether the provider's webhook arrived before, arrives later or at the same "
            + "moment. 422 when the proof is not the provider's for the order's session.")
    public Uni<RestResponse<OrderView>> confirm(@PathParam("id") String id, @Valid @NotNull ReturnRequest body) {
        return payments.confirmReturn(id, caller.id(), body.paymentId(), body.signature())
                .map(order -> RestResponse.ok(OrderView.of(order)));
    }
}
