package dev.shop.catalog.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.shop.catalog.api.HttpCaching.Rendered;
import dev.shop.catalog.api.ProductDtos.Facets;
import dev.shop.catalog.api.ProductDtos.ProductResponse;
import dev.shop.catalog.api.ProductDtos.ProductSummary;
import dev.shop.catalog.application.ProductView;
import dev.shop.catalog.application.TaxonomySnapshot;
import dev.shop.catalog.application.VersionedCache;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.kit.page.PageRequest;

/**
 * The JSON of product pages and list pages, serialised once and answered as bytes until what they show changes. A
 * product's page and its list item are kept per product for as long as the product, the taxonomy snapshot that names
 * its brand and category, and whether its offer runs stay the same (the time enters a product's JSON only through
 * that). A list page is kept per normalised query and page for one {@link ProductView.Version}, and is assembled from
 * the items' bytes, so its body is exactly what serialising {@link ProductDtos.ProductPage} would give. The ETag is
 * computed once over those bytes, so it is the same strong tag as before and changes exactly when the body does.
 */
@ApplicationScoped
public class ProductRepresentations {

    /** A product rendered at one state: the object it was made from, the taxonomy, whether its offer ran. */
    private record Rendering(Product source, long taxonomy, boolean onSale, Rendered rendered) {

        boolean showsNow(Product product, TaxonomySnapshot snapshot, Instant now) {
            return source == product && taxonomy == snapshot.generation() && onSale == product.onSale(now);
        }
    }

    private record PageKey(ProductSearch.Selection selection, int page, int size) {
    }

    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
    /** Per-entry bookkeeping counted on top of the bytes, so that tiny entries are not free. */
    private static final int OVERHEAD = 200;

    private final ObjectMapper mapper;
    private final CatalogConfig config;
    private final Cache<String, Rendering> details;
    private final Cache<String, Rendering> summaries;
    private final VersionedCache<PageKey, Rendered> pages;

    public ProductRepresentations(ObjectMapper mapper, CatalogConfig config) {
        this.mapper = mapper;
        this.config = config;
        long budget = config.cache().renderedBytes().asLongValue();
        this.details = Caffeine.newBuilder().maximumWeight(budget / 4)
                .<String, Rendering> weigher((id, r) -> r.rendered().body().length + OVERHEAD).build();
        this.summaries = Caffeine.newBuilder().maximumWeight(budget / 4)
                .<String, Rendering> weigher((id, r) -> r.rendered().body().length + OVERHEAD).build();
        this.pages = new VersionedCache<>(budget / 2, (key, page) -> page.body().length + OVERHEAD);
    }

    /** A product's page ({@link ProductResponse}). */
    public Rendered product(Product p, TaxonomySnapshot snapshot, Instant now) {
        return render(details, p, snapshot, now,
                () -> ProductResponse.of(p, snapshot, config.lowStockThreshold(), now)).rendered();
    }

    /** One page of search results ({@link ProductDtos.ProductPage}), facets included. */
    public Rendered page(ProductView.Found found, PageRequest request, TaxonomySnapshot snapshot) {
        PageKey key = new PageKey(found.selection(), request.page(), request.size());
        return pages.get(found.version(), key, k -> {
            Instant now = Instant.now();
            ProductSearch.Result result = found.result();
            List<byte[]> items = new ArrayList<>(result.items().size());
            int length = ITEMS.length + 100;
            for (Product p : result.items()) {
                byte[] item = render(summaries, p, snapshot, now,
                        () -> ProductSummary.of(p, snapshot, config.lowStockThreshold(), now)).rendered().body();
                items.add(item);
                length += item.length + 1;
            }
            byte[] facets = json(Facets.of(result.facets(), snapshot, config.currency()));
            ByteArrayOutputStream out = new ByteArrayOutputStream(length + facets.length);
            out.writeBytes(ITEMS);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(items.get(i));
            }
            // The record components of ProductPage after the items, in order, as Jackson writes them.
            out.writeBytes(("],\"page\":" + request.page() + ",\"size\":" + request.size() + ",\"total\":"
                    + result.total() + ",\"facets\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(facets);
            out.write('}');
            return Rendered.of(out.toByteArray());
        });
    }

    private Rendering render(Cache<String, Rendering> cache, Product p, TaxonomySnapshot snapshot, Instant now,
            java.util.function.Supplier<Object> body) {
        Rendering held = cache.getIfPresent(p.id());
        if (held != null && held.showsNow(p, snapshot, now)) {
            return held;
        }
        Rendering fresh = new Rendering(p, snapshot.generation(), p.onSale(now), Rendered.of(json(body.get())));
        cache.put(p.id(), fresh);
        return fresh;
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }
}
