package dev.shop.cart.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.cart.api.CartDtos.CheckoutCart;
import dev.shop.cart.application.CartService;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * The checkout read for order-service, which forwards the customer's own access token. Not routed by the gateway
 * (it proxies {@code /api/v1/**} only). Reading here records nothing: notices stay for the customer's next read.
 */
@Path("/internal/v1/cart")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalCartResource {

    private final CartService carts;
    private final CurrentUser user;

    public InternalCartResource(CartService carts, CurrentUser user) {
        this.carts = carts;
        this.user = user;
    }

    @GET
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Operation(summary = "The token subject's cart for checkout", description = "Lines with the unit price the cart "
            + "shows now and whether each can be bought; an absent cart has no items.")
    public Uni<RestResponse<CheckoutCart>> get() {
        String userId = user.id();
        return carts.forCheckout(userId).map(view -> RestResponse.ok(CheckoutCart.of(userId, view)));
    }
}
