package dev.shop.catalog.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Brand;
import dev.shop.catalog.domain.Category;
import dev.shop.catalog.domain.CategoryTree;
import dev.shop.catalog.domain.VehicleModel;
import dev.shop.catalog.persistence.BrandDocument;
import dev.shop.catalog.persistence.BrandRepository;
import dev.shop.catalog.persistence.CatalogMappers;
import dev.shop.catalog.persistence.CategoryDocument;
import dev.shop.catalog.persistence.CategoryRepository;
import dev.shop.catalog.persistence.MongoIndexes;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.VehicleModelDocument;
import dev.shop.catalog.persistence.VehicleModelRepository;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Brands, vehicle models and categories: reads from the in-memory snapshot, admin commands against the database.
 * Nothing that products still reference is deleted (409 with the count), so a delete never orphans or removes
 * products.
 */
@ApplicationScoped
public class TaxonomyService {

    private final BrandRepository brands;
    private final VehicleModelRepository models;
    private final CategoryRepository categories;
    private final ProductRepository products;
    private final TaxonomyCache cache;
    private final MongoIndexes indexes;
    private final AggregateStore<Brand, BrandDocument> brandStore;
    private final AggregateStore<VehicleModel, VehicleModelDocument> modelStore;
    private final AggregateStore<Category, CategoryDocument> categoryStore;

    public TaxonomyService(BrandRepository brands, VehicleModelRepository models, CategoryRepository categories,
            ProductRepository products, TaxonomyCache cache, MongoIndexes indexes, AggregateStores stores) {
        this.brands = brands;
        this.models = models;
        this.categories = categories;
        this.products = products;
        this.cache = cache;
        this.indexes = indexes;
        this.brandStore = stores.of(brands, CatalogMappers.BRANDS);
        this.modelStore = stores.of(models, CatalogMappers.MODELS);
        this.categoryStore = stores.of(categories, CatalogMappers.CATEGORIES);
    }

    // ---- brands

    public Uni<Page<Brand>> brands(PageRequest page) {
        return cache.get().map(s -> slice(s.brands(), page));
    }

    public Uni<Brand> brand(String code) {
        return cache.get().map(s -> s.brand(code)
                .orElseThrow(() -> ProblemException.notFound("No brand " + code)));
    }

    public Uni<Brand> createBrand(String code, String name, String description) {
        Instant now = Instant.now();
        BrandDocument doc = new BrandDocument();
        doc.id = code;
        doc.name = name;
        doc.description = description;
        doc.createdAt = now;
        doc.updatedAt = now;
        doc.version = 1;
        return brands.persist(doc)
                .onFailure(MongoErrors::isDuplicateKey)
                .transform(e -> ProblemException.conflict("Brand " + code + " already exists"))
                .invoke(cache::invalidate)
                .map(BrandDocument::toDomain);
    }

    public Uni<Brand> updateBrand(String code, String name, String description, long version) {
        return brandStore.replace(code, version, brand -> brand.edit(name, description, Instant.now()))
                .invoke(cache::invalidate);
    }

    /** Deletes the brand and its models, unless products still use the brand. */
    public Uni<Void> deleteBrand(String code) {
        return brands.findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No brand " + code))
                .flatMap(brand -> products.countUsingBrand(code))
                .flatMap(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("Brand " + code + " is used by " + count
                                + " product(s); reassign or delete them first");
                    }
                    return models.delete("brand", code);
                })
                .flatMap(removed -> brands.deleteById(code))
                .invoke(cache::invalidate)
                .replaceWithVoid();
    }

    // ---- vehicle models

    public Uni<Page<VehicleModel>> models(String brand, PageRequest page) {
        return cache.get().map(s -> {
            if (s.brand(brand).isEmpty()) {
                throw ProblemException.notFound("No brand " + brand);
            }
            return slice(s.models(brand), page);
        });
    }

    public Uni<VehicleModel> model(String brand, String code) {
        return cache.get().map(s -> s.model(brand, code)
                .orElseThrow(() -> ProblemException.notFound("No model " + code + " of brand " + brand)));
    }

    public Uni<VehicleModel> createModel(String brand, String code, String name, Integer yearFrom, Integer yearTo) {
        checkYears(yearFrom, yearTo);
        return brands.findById(brand)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No brand " + brand))
                .flatMap(b -> {
                    Instant now = Instant.now();
                    VehicleModelDocument doc = new VehicleModelDocument();
                    doc.id = VehicleModel.key(brand, code);
                    doc.brand = brand;
                    doc.code = code;
                    doc.name = name;
                    doc.yearFrom = yearFrom;
                    doc.yearTo = yearTo;
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return models.persist(doc);
                })
                .onFailure(MongoErrors::isDuplicateKey)
                .transform(e -> ProblemException.conflict("Brand " + brand + " already has a model " + code))
                .invoke(cache::invalidate)
                .map(VehicleModelDocument::toDomain);
    }

    public Uni<VehicleModel> updateModel(String brand, String code, String name, Integer yearFrom, Integer yearTo,
            long version) {
        checkYears(yearFrom, yearTo);
        String key = VehicleModel.key(brand, code);
        return modelStore.replace(key, version, model -> model.edit(name, yearFrom, yearTo, Instant.now()))
                .onFailure(TaxonomyService::isNotFound)
                .transform(e -> ProblemException.notFound("No model " + code + " of brand " + brand))
                .invoke(cache::invalidate);
    }

    public Uni<Void> deleteModel(String brand, String code) {
        String key = VehicleModel.key(brand, code);
        return models.findById(key)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No model " + code + " of brand " + brand))
                .flatMap(m -> products.countFitting(key))
                .flatMap(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("Model " + key + " is in the fitment of " + count
                                + " product(s); change them first");
                    }
                    return models.deleteById(key);
                })
                .invoke(cache::invalidate)
                .replaceWithVoid();
    }

    // ---- categories

    public Uni<CategoryTree> categoryTree() {
        return cache.get().map(TaxonomySnapshot::categories);
    }

    public Uni<Category> category(String idOrSlug) {
        return categoryTree().map(tree -> tree.find(idOrSlug)
                .orElseThrow(() -> ProblemException.notFound("No category " + idOrSlug)));
    }

    public Uni<Category> createCategory(String name, String slug, String parentId, int sortOrder,
            String description) {
        return indexes.ready()
                .flatMap(ok -> cache.reload())
                .flatMap(snapshot -> {
                    snapshot.categories().checkPlacement(null, parentId);
                    Instant now = Instant.now();
                    CategoryDocument doc = new CategoryDocument();
                    doc.id = new ObjectId();
                    doc.slug = slug;
                    doc.name = name;
                    doc.description = description;
                    doc.parentId = parentId;
                    doc.sortOrder = sortOrder;
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return categories.persist(doc);
                })
                .onFailure(MongoErrors::isDuplicateKey)
                .transform(e -> ProblemException.conflict("A category with slug " + slug + " already exists"))
                .invoke(cache::invalidate)
                .map(CategoryDocument::toDomain);
    }

    public Uni<Category> updateCategory(String id, String name, String slug, String parentId, int sortOrder,
            String description, long version) {
        ObjectId oid = categoryId(id);
        return indexes.ready()
                .flatMap(ok -> cache.reload())
                .flatMap(snapshot -> {
                    if (snapshot.categories().byId(id).isEmpty()) {
                        throw ProblemException.notFound("No category " + id);
                    }
                    snapshot.categories().checkPlacement(id, parentId);
                    return categoryStore.replace(oid, version,
                            category -> category.edit(name, slug, parentId, sortOrder, description, Instant.now()));
                })
                .onFailure(MongoErrors::isDuplicateKey)
                .transform(e -> ProblemException.conflict("A category with slug " + slug + " already exists"))
                .onFailure(TaxonomyService::isNotFound).transform(e -> ProblemException.notFound("No category " + id))
                .invoke(cache::invalidate);
    }

    public Uni<Void> deleteCategory(String id) {
        ObjectId oid = categoryId(id);
        return cache.reload()
                .flatMap(snapshot -> {
                    if (snapshot.categories().byId(id).isEmpty()) {
                        throw ProblemException.notFound("No category " + id);
                    }
                    int children = snapshot.categories().children(id).size();
                    if (children > 0) {
                        throw ProblemException.conflict("Category " + id + " has " + children
                                + " sub-categories; move or delete them first");
                    }
                    return products.countInCategory(id);
                })
                .flatMap(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("Category " + id + " holds " + count
                                + " product(s); move or delete them first");
                    }
                    return categories.deleteById(oid);
                })
                .invoke(cache::invalidate)
                .replaceWithVoid();
    }

    // ---- helpers

    static <T> Page<T> slice(List<T> all, PageRequest page) {
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.size(), all.size());
        return Page.of(all.subList(from, to), page, all.size());
    }

    private static ObjectId categoryId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ProblemException.notFound("No category " + id);
        }
        return new ObjectId(id);
    }

    private static void checkYears(Integer yearFrom, Integer yearTo) {
        if (yearFrom != null && yearTo != null && yearTo < yearFrom) {
            throw ProblemException.invalid(List.of(new Problem.Violation("yearTo", "must not be before yearFrom")));
        }
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof ProblemException problem && problem.status() == 404;
    }
}
