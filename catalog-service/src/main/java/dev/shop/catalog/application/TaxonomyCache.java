package dev.shop.catalog.application;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.persistence.BrandDocument;
import dev.shop.catalog.persistence.BrandRepository;
import dev.shop.catalog.persistence.CategoryDocument;
import dev.shop.catalog.persistence.CategoryRepository;
import dev.shop.catalog.persistence.VehicleModelDocument;
import dev.shop.catalog.persistence.VehicleModelRepository;
import io.smallrye.mutiny.Uni;

/**
 * The taxonomy held in memory: read on first use, again after this instance's own writes, and at the latest after
 * {@code shop.catalog.view.taxonomy-ttl} (which bounds how stale another instance's change can be).
 */
@ApplicationScoped
public class TaxonomyCache {

    private final BrandRepository brands;
    private final VehicleModelRepository models;
    private final CategoryRepository categories;
    private final CatalogConfig config;
    private final AtomicReference<Uni<TaxonomySnapshot>> current = new AtomicReference<>();
    private final AtomicLong generations = new AtomicLong();

    public TaxonomyCache(BrandRepository brands, VehicleModelRepository models, CategoryRepository categories,
            CatalogConfig config) {
        this.brands = brands;
        this.models = models;
        this.categories = categories;
        this.config = config;
    }

    public Uni<TaxonomySnapshot> get() {
        Uni<TaxonomySnapshot> uni = current.get();
        if (uni == null) {
            Uni<TaxonomySnapshot> fresh = load().memoize().atLeast(config.view().taxonomyTtl());
            uni = current.compareAndSet(null, fresh) ? fresh : current.get();
        }
        return uni;
    }

    /** Forgets the snapshot; the next {@link #get()} reads the database. */
    public void invalidate() {
        current.set(null);
    }

    /** Invalidates and reads again. */
    public Uni<TaxonomySnapshot> reload() {
        invalidate();
        return get();
    }

    private Uni<TaxonomySnapshot> load() {
        Uni<java.util.List<BrandDocument>> b = brands.listAll();
        Uni<java.util.List<VehicleModelDocument>> m = models.listAll();
        Uni<java.util.List<CategoryDocument>> c = categories.listAll();
        return Uni.combine().all().unis(b, m, c).with((bs, ms, cs) -> TaxonomySnapshot.of(
                bs.stream().map(BrandDocument::toDomain).toList(),
                ms.stream().map(VehicleModelDocument::toDomain).toList(),
                new CategoryTree(cs.stream().map(CategoryDocument::toDomain).toList()),
                generations.incrementAndGet()))
                .onFailure().invoke(this::forgetFailure);
    }

    private void forgetFailure(Throwable failure) {
        // A failed read must not be served until the TTL runs out.
        current.set(null);
    }
}
