package dev.shop.catalog.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import dev.shop.catalog.application.StockAdjustments;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/products/{id}/stock")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stock")
public class StockResource {

    /** A manual change: units added (positive) or removed (negative), and why. */
    public record StockAdjustment(@NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
            @NotBlank @Size(min = 3, max = 200) String reason) {
    }

    public record StockLevel(String productId, String sku, int previousStock, int stock) {
    }

    private final StockAdjustments adjustments;
    private final CurrentUser caller;

    public StockResource(StockAdjustments adjustments, CurrentUser caller) {
        this.adjustments = adjustments;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adjust stock by hand (audited with a StockAdjusted event)", description = "422 when it would "
            + "leave the stock below zero.")
    public Uni<RestResponse<StockLevel>> adjust(@PathParam("id") String id, @Valid @NotNull StockAdjustment request) {
        if (request.delta() == 0) {
            throw ProblemException.invalid("delta", "must not be 0");
        }
        return adjustments.adjust(id, request.delta(), request.reason().trim(), caller.id())
                .map(a -> RestResponse.ok(new StockLevel(a.productId(), a.sku(), a.previousStock(), a.stock())));
    }
}
