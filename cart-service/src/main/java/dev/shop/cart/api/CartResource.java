package dev.shop.cart.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.cart.api.CartDtos.AddItemRequest;
import dev.shop.cart.api.CartDtos.CartResponse;
import dev.shop.cart.api.CartDtos.MergeRequest;
import dev.shop.cart.api.CartDtos.QuantityRequest;
import dev.shop.cart.application.CartService;
import dev.shop.cart.domain.CartToken;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * The caller's cart: the token subject's, or a guest's by {@code X-Cart-Token}. No user or cart id is ever in a path;
 * the cart endpoints are open to guests ({@link PermitAll}) and {@link CartCallers} decides whose cart it is.
 */
@Path("/api/v1/cart")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cart")
public class CartResource {

    private static final String GUEST_TOKEN = "The token of a guest cart, as issued on its first add; ignored when an "
            + "access token is sent";

    private final CartService carts;
    private final CartCallers callers;
    private final CurrentUser user;

    public CartResource(CartService carts, CartCallers callers, CurrentUser user) {
        this.carts = carts;
        this.callers = callers;
        this.user = user;
    }

    @GET
    @PermitAll
    @Operation(summary = "The caller's cart, priced now", description = "Notices (price changed, unavailable, "
            + "quantity reduced to the stock) are shown once; unavailable lines are left out of the totals.")
    public Uni<RestResponse<CartResponse>> get(
            @Parameter(in = ParameterIn.HEADER, description = GUEST_TOKEN) @HeaderParam(CartToken.HEADER) String token) {
        return carts.view(callers.resolve(token)).map(view -> RestResponse.ok(CartResponse.of(view)));
    }

    @POST
    @Path("/items")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add units of a product", description = "Adds to the product's line. Without an access "
            + "token or a cart token this starts a guest cart and answers its token in X-Cart-Token. 404 for an "
            + "unknown product, 422 for one that is not sold, above the stock (the detail names what is available) "
            + "or beyond the limits (99 per product, 100 products).")
    public Uni<RestResponse<CartResponse>> add(
            @Parameter(in = ParameterIn.HEADER, description = GUEST_TOKEN) @HeaderParam(CartToken.HEADER) String token,
            @Valid @NotNull AddItemRequest body) {
        return carts.add(callers.resolve(token), body.productId(), body.quantity()).map(outcome -> {
            RestResponse.ResponseBuilder<CartResponse> response = RestResponse.ResponseBuilder
                    .ok(CartResponse.of(outcome.cart()));
            outcome.issuedToken().ifPresent(issued -> response.header(CartToken.HEADER, issued.value()));
            return response.build();
        });
    }

    @PATCH
    @Path("/items/{productId}")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a line's quantity", description = "0 removes the line; 404 when the product is not "
            + "in the cart.")
    public Uni<RestResponse<CartResponse>> setQuantity(
            @Parameter(in = ParameterIn.HEADER, description = GUEST_TOKEN) @HeaderParam(CartToken.HEADER) String token,
            @PathParam("productId") String productId, @Valid @NotNull QuantityRequest body) {
        return carts.setQuantity(callers.resolve(token), productId, body.quantity())
                .map(view -> RestResponse.ok(CartResponse.of(view)));
    }

    @DELETE
    @Path("/items/{productId}")
    @PermitAll
    @Operation(summary = "Remove a line", description = "404 when the product is not in the cart.")
    public Uni<RestResponse<CartResponse>> remove(
            @Parameter(in = ParameterIn.HEADER, description = GUEST_TOKEN) @HeaderParam(CartToken.HEADER) String token,
            @PathParam("productId") String productId) {
        return carts.remove(callers.resolve(token), productId).map(view -> RestResponse.ok(CartResponse.of(view)));
    }

    @DELETE
    @PermitAll
    @Operation(summary = "Empty the cart")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> clear(
            @Parameter(in = ParameterIn.HEADER, description = GUEST_TOKEN) @HeaderParam(CartToken.HEADER) String token) {
        return carts.clear(callers.resolve(token)).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/merge")
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take over a guest cart after signing in", description = "Quantities of the same product "
            + "are added up, then limited to 99 and to the stock (with a notice); the guest cart is deleted. An "
            + "unknown or expired token merges nothing; repeating a merge adds nothing twice.")
    public Uni<RestResponse<CartResponse>> merge(@Valid @NotNull MergeRequest body) {
        return carts.merge(user.id(), CartCallers.parse("cartToken", body.cartToken()))
                .map(view -> RestResponse.ok(CartResponse.of(view)));
    }
}
