package dev.shop.admin.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.admin.application.ProductSummary;
import dev.shop.admin.domain.ProductCriteria;
import dev.shop.admin.persistence.ProductEntryDocument;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/** The product and stock summary (read model of the catalogue's events). */
@Path("/api/v1/admin/products")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class ProductSummaryResource {

    public record AdjustmentView(int delta, int previousStock, int newStock, String reason, String actorId,
            Instant at) {
    }

    public record ProductView(String id, String sku, String name, String slug, String brand, String categoryId,
            Money price, Money effectivePrice, int stock, String status, String imageUrl, long version,
            Instant updatedAt, boolean deleted, Instant deletedAt, Instant lowStockAt, AdjustmentView lastAdjustment) {

        static ProductView of(ProductEntryDocument p) {
            Instant lowStockAt = p.lowStockAt == null || p.lowStockAt.toEpochMilli() == 0 ? null : p.lowStockAt;
            AdjustmentView adjustment = p.lastAdjustment == null ? null
                    : new AdjustmentView(p.lastAdjustment.delta, p.lastAdjustment.previousStock,
                            p.lastAdjustment.newStock, p.lastAdjustment.reason, p.lastAdjustment.actorId,
                            p.lastAdjustment.at);
            return new ProductView(p.id, p.sku, p.name, p.slug, p.brand, p.categoryId,
                    p.price == null ? null : p.price.toMoney(),
                    p.effectivePrice == null ? null : p.effectivePrice.toMoney(), p.stock, p.status, p.imageUrl,
                    p.version, p.updatedAt, p.deleted, p.deletedAt, lowStockAt, adjustment);
        }
    }

    public static class ProductQuery {
        @QueryParam("q")
        String q;
        @QueryParam("status")
        String status;
        @QueryParam("stockBelow")
        String stockBelow;
        @QueryParam("includeDeleted")
        String includeDeleted;

        ProductCriteria toCriteria() {
            List<Problem.Violation> violations = new ArrayList<>();
            QueryValues values = new QueryValues(violations);
            ProductCriteria criteria = new ProductCriteria(values.text("q", q),
                    values.oneOf("status", status, Set.of("draft", "active", "archived")),
                    values.integer("stockBelow", stockBelow, 1, 1_000_000),
                    values.flag("includeDeleted", includeDeleted));
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return criteria;
        }
    }

    private final ProductSummary products;

    public ProductSummaryResource(ProductSummary products) {
        this.products = products;
    }

    @GET
    @Operation(summary = "Search the product summary by name or SKU (q), status and stock (stockBelow); fewest units "
            + "first")
    public Uni<RestResponse<Page<ProductView>>> search(@BeanParam ProductQuery query, @BeanParam PageParams page) {
        return products.search(query.toCriteria(), page.toRequest()).map(p -> RestResponse.ok(p.map(ProductView::of)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One product as the product summary knows it")
    public Uni<RestResponse<ProductView>> get(@PathParam("id") String id) {
        return products.find(Ids.require("id", id)).map(found -> RestResponse.ok(ProductView.of(found
                .filter(p -> p.version >= 0)
                .orElseThrow(() -> ProblemException.notFound("No product " + id + " in the product summary")))));
    }
}
