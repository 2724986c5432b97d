package dev.shop.cart.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.cart.api.CartDtos.CartResponse;
import dev.shop.cart.api.CartDtos.WishlistAddRequest;
import dev.shop.cart.api.CartDtos.WishlistResponse;
import dev.shop.cart.application.WishlistService;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/** The token subject's wishlist (customers only; guests have none). */
@Path("/api/v1/wishlist")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_CUSTOMER)
@Tag(name = "Wishlist")
public class WishlistResource {

    private final WishlistService wishlists;
    private final CurrentUser user;

    public WishlistResource(WishlistService wishlists, CurrentUser user) {
        this.wishlists = wishlists;
        this.user = user;
    }

    @GET
    @Operation(summary = "The caller's wishlist, newest first, with each product's current price and availability")
    public Uni<RestResponse<WishlistResponse>> get() {
        return wishlists.view(user.id()).map(view -> RestResponse.ok(WishlistResponse.of(view)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep a product for later", description = "201 when added, 200 when it was there already. "
            + "404 for an unknown product, 422 for one that is not sold or when the wishlist holds 200 products.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WishlistResponse.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WishlistResponse.class)))
    public Uni<RestResponse<WishlistResponse>> add(@Valid @NotNull WishlistAddRequest body) {
        return wishlists.add(user.id(), body.productId()).map(result -> RestResponse.ResponseBuilder
                .<WishlistResponse> create(result.added() ? RestResponse.Status.CREATED : RestResponse.Status.OK)
                .entity(WishlistResponse.of(result.wishlist())).build());
    }

    @DELETE
    @Path("/{productId}")
    @Operation(summary = "Take a product off the wishlist", description = "404 when it is not on it.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> remove(@PathParam("productId") String productId) {
        return wishlists.remove(user.id(), productId).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{productId}/move-to-cart")
    @Operation(summary = "Move a product to the cart", description = "One unit goes into the cart unless the product "
            + "is in it already, then the product leaves the wishlist; answers the cart. 404 when it is not on the "
            + "wishlist, 422 when it cannot be bought now (it then stays on the wishlist).")
    public Uni<RestResponse<CartResponse>> moveToCart(@PathParam("productId") String productId) {
        return wishlists.moveToCart(user.id(), productId).map(view -> RestResponse.ok(CartResponse.of(view)));
    }
}
