package dev.shop.catalog.api;

import java.time.Instant;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.catalog.application.ReviewService;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Review;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/products/{productId}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class ReviewResource {

    /** A review as written by its author. The author and the verified-purchase flag come from the server. */
    public record ReviewRequest(
            @NotNull @Min(Review.MIN_RATING) @Max(Review.MAX_RATING) Integer rating,
            @Size(max = Review.MAX_TITLE) String title,
            @Size(max = Review.MAX_BODY) String body,
            @PositiveOrZero Long version) {
    }

    public record ReviewResponse(String id, String productId, int rating, String title, String body,
            String authorName, boolean verifiedPurchase, Instant createdAt, Instant updatedAt, long version) {
        static ReviewResponse of(Review r) {
            return new ReviewResponse(r.id(), r.productId(), r.rating(), r.title(), r.body(), r.authorName(),
                    r.verifiedPurchase(), r.createdAt(), r.updatedAt(), r.version());
        }
    }

    private final ReviewService reviews;
    private final CurrentUser caller;
    private final JsonWebToken token;
    private final HttpCaching caching;
    private final CatalogConfig config;

    public ReviewResource(ReviewService reviews, CurrentUser caller, JsonWebToken token, HttpCaching caching,
            CatalogConfig config) {
        this.reviews = reviews;
        this.caller = caller;
        this.token = token;
        this.caching = caching;
        this.config = config;
    }

    /** Reviews of a product, newest first by default ({@code sort=newest|rating|-rating}). */
    @GET
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<Page<ReviewResponse>>> list(@PathParam("productId") String productId,
            @QueryParam("sort") String sort, @BeanParam PageParams page, @Context HttpHeaders headers) {
        ReviewService.Order order = order(sort);
        return reviews.list(productId, caller.isAdmin(), order, page.toRequest())
                .map(p -> caching.ok(headers, p.map(ReviewResponse::of), cacheControl(headers)));
    }

    /** The caller's own review of the product. */
    @GET
    @Path("/mine")
    @RolesAllowed({ CurrentUser.ROLE_CUSTOMER, CurrentUser.ROLE_ADMIN })
    public Uni<RestResponse<ReviewResponse>> mine(@PathParam("productId") String productId) {
        return reviews.mine(productId, caller.id()).map(r -> RestResponse.ok(ReviewResponse.of(r)));
    }

    @GET
    @Path("/{reviewId}")
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<ReviewResponse>> get(@PathParam("productId") String productId,
            @PathParam("reviewId") String reviewId, @Context HttpHeaders headers) {
        return reviews.get(productId, reviewId, caller.isAdmin())
                .map(r -> caching.ok(headers, ReviewResponse.of(r), cacheControl(headers)));
    }

    @POST
    @RolesAllowed({ CurrentUser.ROLE_CUSTOMER, CurrentUser.ROLE_ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewResponse.class)))
    public Uni<RestResponse<ReviewResponse>> create(@PathParam("productId") String productId,
            @Valid @NotNull ReviewRequest request) {
        return reviews.create(productId, caller.id(), authorName(), request.rating(), clean(request.title()),
                clean(request.body()))
                .map(r -> Responses.created("/api/v1/products/" + r.productId() + "/reviews/" + r.id(),
                        ReviewResponse.of(r)));
    }

    @PUT
    @Path("/{reviewId}")
    @RolesAllowed({ CurrentUser.ROLE_CUSTOMER, CurrentUser.ROLE_ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ReviewResponse>> update(@PathParam("productId") String productId,
            @PathParam("reviewId") String reviewId, @Valid @NotNull ReviewRequest request) {
        return reviews.update(productId, reviewId, caller.id(), request.rating(), clean(request.title()),
                clean(request.body()), request.version())
                .map(r -> RestResponse.ok(ReviewResponse.of(r)));
    }

    /** Authors delete their own reviews; admins delete any (moderation). */
    @DELETE
    @Path("/{reviewId}")
    @RolesAllowed({ CurrentUser.ROLE_CUSTOMER, CurrentUser.ROLE_ADMIN })
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("productId") String productId,
            @PathParam("reviewId") String reviewId) {
        return reviews.delete(productId, reviewId, caller.id(), caller.isAdmin()).map(v -> RestResponse.noContent());
    }

    /** The name shown with a review: from the token's profile claims, never from the request body. */
    private String authorName() {
        for (String claim : new String[] { "name", "preferred_username", "given_name" }) {
            Object value = token.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                String name = value.toString().trim();
                return name.length() > 60 ? name.substring(0, 60) : name;
            }
        }
        return "Customer";
    }

    private String cacheControl(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null ? HttpCaching.privateNoCache()
                : HttpCaching.publicFor(config.http().productMaxAge());
    }

    private static ReviewService.Order order(String sort) {
        if (sort == null || sort.isBlank()) {
            return ReviewService.Order.NEWEST;
        }
        return switch (sort.trim().toLowerCase(Locale.ROOT)) {
            case "newest" -> ReviewService.Order.NEWEST;
            case "rating" -> ReviewService.Order.RATING;
            case "-rating" -> ReviewService.Order.RATING_ASC;
            default -> throw ProblemException.invalid("sort", "must be newest, rating or -rating");
        };
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
