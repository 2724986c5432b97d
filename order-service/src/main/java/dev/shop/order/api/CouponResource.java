package dev.shop.order.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import dev.shop.order.api.CouponDtos.CouponCheckView;
import dev.shop.order.api.CouponDtos.CouponRequest;
import dev.shop.order.api.CouponDtos.CouponView;
import dev.shop.order.application.CouponAdmin;
import dev.shop.order.application.CouponCheck;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponRules;
import io.smallrye.mutiny.Uni;

/** The admin's coupons, and the customer's check of a code against their cart. */
@Path("/api/v1/coupons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coupons")
public class CouponResource {

    private final CouponAdmin admin;
    private final CouponCheck check;
    private final CurrentUser caller;
    private final String defaultCurrency;

    public CouponResource(CouponAdmin admin, CouponCheck check, CurrentUser caller, OrderConfig config) {
        this.admin = admin;
        this.check = check;
        this.caller = caller;
        this.defaultCurrency = config.coupons().currency();
    }

    @GET
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Operation(summary = "Admin: the coupons that are not deleted, newest first")
    public Uni<RestResponse<Page<CouponView>>> list(@BeanParam PageParams paging) {
        return admin.list(paging.toRequest()).map(page -> RestResponse.ok(page.map(CouponView::of)));
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Operation(summary = "Admin: one coupon with its usage")
    public Uni<RestResponse<CouponView>> get(@PathParam("code") String code) {
        return admin.get(code).map(c -> RestResponse.ok(CouponView.of(c)));
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: create a coupon", description = "Codes are case-insensitive and unique (also once "
            + "deleted): 409 when taken.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CouponView.class)))
    public Uni<RestResponse<CouponView>> create(@Valid @NotNull CouponRequest body) {
        List<Problem.Violation> broken = new ArrayList<>();
        if (Coupon.tryNormaliseCode(body.code()).isEmpty()) {
            broken.add(new Problem.Violation("code", "3-40 letters, digits, - or _"));
        }
        CouponRules rules = null;
        try {
            rules = body.toRules(defaultCurrency);
        } catch (ProblemException invalid) {
            broken.addAll(invalid.violations());
        }
        if (!broken.isEmpty()) {
            throw ProblemException.invalid(broken);
        }
        return admin.create(body.code(), rules)
                .map(c -> RestResponse.ResponseBuilder.<CouponView> created(URI.create("/api/v1/coupons/" + c.code()))
                        .entity(CouponView.of(c)).build());
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: change a coupon's rules", description = "Uses so far stay. With version, any other "
            + "current version is 409 (stale-version).")
    public Uni<RestResponse<CouponView>> revise(@PathParam("code") String code, @Valid @NotNull CouponRequest body) {
        if (body.code() != null && !body.code().isBlank()
                && !Coupon.tryNormaliseCode(body.code()).equals(Coupon.tryNormaliseCode(code))) {
            throw ProblemException.invalid("code", "must be the code of the path (codes cannot be changed)");
        }
        return admin.revise(code, body.toRules(defaultCurrency), Optional.ofNullable(body.version()))
                .map(c -> RestResponse.ok(CouponView.of(c)));
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Operation(summary = "Admin: withdraw a coupon", description = "It no longer applies; orders that used it keep "
            + "their discount; the code stays taken.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("code") String code) {
        return admin.delete(code).map(done -> RestResponse.noContent());
    }

    @POST
    @Path("/{code}/check")
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Operation(summary = "What the coupon would take off the caller's cart now", description = "Priced by the "
            + "catalogue like checkout; nothing is reserved. 422 with the reason when it does not apply "
            + "(coupon-unknown, coupon-expired, coupon-not-yet-valid, coupon-used-up, coupon-customer-limit, "
            + "coupon-below-minimum, coupon-not-applicable).")
    public Uni<RestResponse<CouponCheckView>> check(@PathParam("code") String code) {
        String token = caller.rawToken().orElseThrow(() -> ProblemException.unauthorized("A bearer token is required"));
        return check.check(caller.id(), token, code).map(c -> RestResponse.ok(CouponCheckView.of(c)));
    }
}
