package dev.shop.catalog.application;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Brand;
import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.domain.VehicleModel;
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
    private volatile Content lastContent;
    private volatile long lastGeneration;

    /** What a snapshot is made of; a reload that finds the same content keeps the generation. */
    private record Content(Set<Brand> brands, Set<VehicleModel> models, Set<Category> categories) {
    }

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
        Uni<List<BrandDocument>> b = brands.listAll();
        Uni<List<VehicleModelDocument>> m = models.listAll();
        Uni<List<CategoryDocument>> c = categories.listAll();
        return Uni.combine().all().unis(b, m, c).with((bs, ms, cs) -> {
            List<Brand> brandList = bs.stream().map(BrandDocument::toDomain).toList();
            List<VehicleModel> modelList = ms.stream().map(VehicleModelDocument::toDomain).toList();
            List<Category> categoryList = cs.stream().map(CategoryDocument::toDomain).toList();
            return TaxonomySnapshot.of(brandList, modelList, new CategoryTree(categoryList),
                    generationOf(new Content(Set.copyOf(brandList), Set.copyOf(modelList), Set.copyOf(categoryList))));
        }).onFailure().invoke(this::forgetFailure);
    }

    /**
     * The generation names the content: responses rendered from a snapshot are cached per generation, so the periodic
     * reload must not make a new one when nothing changed (every cached page would be rendered again).
     */
    private synchronized long generationOf(Content content) {
        if (!content.equals(lastContent)) {
            lastContent = content;
            lastGeneration = generations.incrementAndGet();
        }
        return lastGeneration;
    }

    private void forgetFailure(Throwable failure) {
        // A failed read must not be served until the TTL runs out.
        current.set(null);
    }
}
