package dev.shop.catalog.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.shop.catalog.application.TaxonomySnapshot;
import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.Codes;
import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Offer;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductDetails;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/** Request and response bodies of the product endpoints. */
public final class ProductDtos {

    static final String STATUS = "^(draft|active|archived)$";

    private ProductDtos() {
    }

    public record MoneyInput(
            @NotNull @Min(1) @Max(100_000_000_000L) Long amount,
            @NotBlank @Size(min = 3, max = 3) String currency) {
    }

    public record OfferInput(
            @NotNull @Min(Offer.MIN_PERCENT) @Max(Offer.MAX_PERCENT) Integer percent,
            @NotNull Instant validFrom,
            @NotNull Instant validTo,
            @Size(max = 60) String label) {
    }

    public record FitmentInput(
            @NotBlank @Pattern(regexp = Codes.BRAND_CODE, message = "must be a brand code") String brand,
            @NotBlank @Pattern(regexp = Codes.MODEL_CODE, message = "must be a model code") String model) {
    }

    public record ProductCreateRequest(
            @NotBlank @Pattern(regexp = Codes.SKU, message = "must be 3-40 upper-case letters, digits or inner hyphens") String sku,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 5000) String description,
            @NotBlank @Pattern(regexp = Codes.BRAND_CODE, message = "must be a brand code") String brand,
            @Size(max = 50) List<@NotNull @Valid FitmentInput> models,
            @NotBlank @Size(max = 24) String categoryId,
            @Size(max = 30) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 500) String> attributes,
            @NotNull @Valid MoneyInput price,
            @Valid OfferInput offer,
            @Pattern(regexp = STATUS, message = "must be draft, active or archived") String status,
            @PositiveOrZero @Max(1_000_000) Integer stock) {

        ProductDetails toDetails(String currency) {
            return details(sku, name, description, brand, models, categoryId, attributes, price, offer, status,
                    currency);
        }
    }

    /** The editable fields of a product plus the {@code version} the change is based on. */
    /**
     * What a product PATCH may hold, for the API document: any of the editable fields (a JSON merge patch: absent
     * fields stay, {@code null} removes) and the {@code version} the change is based on. The resource reads the patch
     * as a tree and validates the merged result as a {@link ProductUpdateRequest}.
     */
    @Schema(name = "ProductPatch", requiredProperties = "version")
    public record ProductPatch(String sku, String name, String description, String brand, List<FitmentInput> models,
            String categoryId, Map<String, String> attributes, MoneyInput price, OfferInput offer, String status,
            Long version) {
    }

    public record ProductUpdateRequest(
            @NotBlank @Pattern(regexp = Codes.SKU, message = "must be 3-40 upper-case letters, digits or inner hyphens") String sku,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 5000) String description,
            @NotBlank @Pattern(regexp = Codes.BRAND_CODE, message = "must be a brand code") String brand,
            @Size(max = 50) List<@NotNull @Valid FitmentInput> models,
            @NotBlank @Size(max = 24) String categoryId,
            @Size(max = 30) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 500) String> attributes,
            @NotNull @Valid MoneyInput price,
            @Valid OfferInput offer,
            @NotBlank @Pattern(regexp = STATUS, message = "must be draft, active or archived") String status,
            @NotNull @PositiveOrZero Long version) {

        ProductDetails toDetails(String currency) {
            return details(sku, name, description, brand, models, categoryId, attributes, price, offer, status,
                    currency);
        }

        /** The current product as an update request, the base a merge patch applies to. */
        static ProductUpdateRequest of(Product p) {
            return new ProductUpdateRequest(p.sku(), p.name(), p.description(), p.brand(),
                    p.models().stream().map(f -> new FitmentInput(f.brand(), f.model())).toList(),
                    p.categoryId(), p.attributes(), new MoneyInput(p.price(), p.currency()),
                    p.offer() == null ? null
                            : new OfferInput(p.offer().percent(), p.offer().validFrom(), p.offer().validTo(),
                                    p.offer().label()),
                    p.status().wire(), p.version());
        }
    }

    private static ProductDetails details(String sku, String name, String description, String brand,
            List<FitmentInput> models, String categoryId, Map<String, String> attributes, MoneyInput price,
            OfferInput offer, String status, String currency) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (!currency.equals(price.currency())) {
            violations.add(new Problem.Violation("price.currency", "must be " + currency));
        }
        if (offer != null) {
            violations.addAll(Offer.check("offer", offer.percent(), offer.validFrom(), offer.validTo()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<Fitment> fitment = models == null ? List.of()
                : models.stream().map(m -> new Fitment(m.brand(), m.model())).distinct().toList();
        return new ProductDetails(sku, name.trim(), description, brand, fitment, categoryId.trim(),
                attributes == null ? Map.of() : attributes, price.amount(),
                offer == null ? null
                        : new Offer(offer.percent(), offer.validFrom(), offer.validTo(),
                                offer.label() == null || offer.label().isBlank() ? null : offer.label().trim()),
                status == null ? ProductStatus.DRAFT : ProductStatus.parse(status).orElseThrow());
    }

    // ---- responses

    public record OfferResponse(int percent, Instant validFrom, Instant validTo, String label, boolean active) {
    }

    public record BrandRef(String code, String name) {
    }

    public record CategoryRef(String id, String slug, String name) {
    }

    public record ImageResponse(String id, String url, String contentType, long size, String alt) {
        static ImageResponse of(ProductImage i) {
            return new ImageResponse(i.id(), i.url(), i.contentType(), i.size(), i.alt());
        }
    }

    /** A product page. */
    public record ProductResponse(String id, String sku, String name, String slug, String description,
            String brand, String brandName, List<Fitment> models, String categoryId, CategoryRef category,
            Map<String, String> attributes, Money price, OfferResponse offer, Money effectivePrice, boolean onSale,
            int stock, boolean inStock, String stockStatus, String status, List<ImageResponse> images,
            double ratingAverage, int ratingCount, long soldCount, Instant createdAt, Instant updatedAt,
            long version) {

        static ProductResponse of(Product p, TaxonomySnapshot taxonomy, int lowStock, Instant now) {
            Category c = taxonomy.categories().byId(p.categoryId()).orElse(null);
            return new ProductResponse(p.id(), p.sku(), p.name(), p.slug(), p.description(), p.brand(),
                    taxonomy.brandName(p.brand()), p.models(), p.categoryId(),
                    c == null ? null : new CategoryRef(c.id(), c.slug(), c.name()), sorted(p.attributes()),
                    new Money(p.price(), p.currency()), offerOf(p, now), new Money(p.effectivePrice(now), p.currency()),
                    p.onSale(now), p.stock(), p.inStock(), p.stockStatus(lowStock).name(), p.status().wire(),
                    p.images().stream().map(ImageResponse::of).toList(), p.ratingAverage(), p.ratingCount(),
                    p.soldCount(), p.createdAt(), p.updatedAt(), p.version());
        }
    }

    /** A product in a list: what a product card needs. */
    public record ProductSummary(String id, String sku, String name, String slug, String brand, String brandName,
            String categoryId, Money price, OfferResponse offer, Money effectivePrice, boolean onSale, int stock,
            boolean inStock, String stockStatus, String status, String image, double ratingAverage,
            int ratingCount, long soldCount, Instant createdAt) {

        static ProductSummary of(Product p, TaxonomySnapshot taxonomy, int lowStock, Instant now) {
            ProductImage image = p.primaryImage();
            return new ProductSummary(p.id(), p.sku(), p.name(), p.slug(), p.brand(), taxonomy.brandName(p.brand()),
                    p.categoryId(), new Money(p.price(), p.currency()), offerOf(p, now),
                    new Money(p.effectivePrice(now), p.currency()), p.onSale(now), p.stock(), p.inStock(),
                    p.stockStatus(lowStock).name(), p.status().wire(), image == null ? null : image.url(),
                    p.ratingAverage(), p.ratingCount(), p.soldCount(), p.createdAt());
        }
    }

    public record CategoryFacet(String id, String slug, String name, String parentId, long count) {
    }

    public record BrandFacet(String code, String name, long count) {
    }

    /** Products whose effective price is at least {@code min} and below {@code max} (no upper bound when absent). */
    public record PriceBandFacet(Money min, Money max, long count) {
    }

    public record Facets(List<CategoryFacet> categories, List<BrandFacet> brands, List<PriceBandFacet> priceBands) {

        static Facets of(ProductSearch.Facets f, TaxonomySnapshot taxonomy, String currency) {
            List<CategoryFacet> categories = f.categories().stream()
                    .map(c -> taxonomy.categories().byId(c.categoryId())
                            .map(cat -> new CategoryFacet(cat.id(), cat.slug(), cat.name(), cat.parentId(), c.count()))
                            .orElse(new CategoryFacet(c.categoryId(), null, null, null, c.count())))
                    .toList();
            List<BrandFacet> brands = f.brands().stream()
                    .map(b -> new BrandFacet(b.brand(), b.name(), b.count())).toList();
            List<PriceBandFacet> bands = f.priceBands().stream()
                    .map(b -> new PriceBandFacet(new Money(b.min(), currency),
                            b.max() == null ? null : new Money(b.max(), currency), b.count()))
                    .toList();
            return new Facets(categories, brands, bands);
        }
    }

    /** A page of search results: the usual page fields plus facet counts. */
    public record ProductPage(List<ProductSummary> items, int page, int size, long total, Facets facets) {
    }

    /**
     * Attributes in key order: the product holds them in a map whose iteration order differs from one JVM to the next,
     * and the ETag of the same product must not differ between instances or restarts.
     */
    private static Map<String, String> sorted(Map<String, String> attributes) {
        return Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    private static OfferResponse offerOf(Product p, Instant now) {
        Offer o = p.offer();
        return o == null ? null : new OfferResponse(o.percent(), o.validFrom(), o.validTo(), o.label(), o.activeAt(now));
    }
}
