package dev.shop.catalog.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.CatalogEntry;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.catalog.persistence.BrandDocument;
import dev.shop.catalog.persistence.BrandRepository;
import dev.shop.catalog.persistence.CategoryDocument;
import dev.shop.catalog.persistence.CategoryRepository;
import dev.shop.catalog.persistence.MediaStore;
import dev.shop.catalog.persistence.MongoIndexes;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.VehicleModelDocument;
import dev.shop.catalog.persistence.VehicleModelRepository;
import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Loads the demo catalogue ({@link DemoCatalog}) once, in the background after start, when
 * {@code shop.catalog.demo-data.enabled} is on (the {@code local} profile). A marker document in {@code catalog_meta}
 * records that it ran; every item has a fixed id, so an interrupted load simply continues where it stopped. Products
 * are written with their ProductCreated events, so other services' read models fill up too.
 */
@ApplicationScoped
public class DemoDataLoader {

    static final String MARKER = "demo-data-v1";
    private static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    private final CatalogConfig config;
    private final BrandRepository brands;
    private final VehicleModelRepository models;
    private final CategoryRepository categories;
    private final ProductRepository products;
    private final MediaStore media;
    private final ProductService catalogue;
    private final MongoIndexes indexes;
    private final TaxonomyCache taxonomy;

    public DemoDataLoader(CatalogConfig config, BrandRepository brands, VehicleModelRepository models,
            CategoryRepository categories, ProductRepository products, MediaStore media, ProductService catalogue,
            MongoIndexes indexes, TaxonomyCache taxonomy) {
        this.config = config;
        this.brands = brands;
        this.models = models;
        this.categories = categories;
        this.products = products;
        this.media = media;
        this.catalogue = catalogue;
        this.indexes = indexes;
        this.taxonomy = taxonomy;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.demoData().enabled()) {
            return;
        }
        // In the background: readiness does not wait for the demo catalogue.
        loadOnce().subscribe().with(
                loaded -> Log.infof(loaded ? "Demo catalogue loaded" : "Demo catalogue already present"),
                failure -> Log.errorf(failure, "Demo catalogue could not be loaded; it is retried on next start"));
    }

    /** Loads the demo catalogue unless it was loaded before; true when this call loaded it. */
    public Uni<Boolean> loadOnce() {
        return indexes.ready().flatMap(ok -> claim()).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now();
            return loadTaxonomy()
                    .flatMap(ok -> loadProducts(now))
                    .flatMap(count -> meta().updateOne(Filters.eq("_id", MARKER), Updates.combine(
                            Updates.set("state", "done"), Updates.set("finishedAt", Instant.now()),
                            Updates.set("products", count))))
                    .invoke(taxonomy::invalidate)
                    .replaceWith(true);
        });
    }

    /** Takes the marker: absent, or left "loading" by a run that died long ago. */
    private Uni<Boolean> claim() {
        Instant now = Instant.now();
        Document marker = new Document("_id", MARKER).append("state", "loading").append("startedAt", now);
        return meta().insertOne(marker).replaceWith(true)
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> meta()
                        .updateOne(Filters.and(Filters.eq("_id", MARKER), Filters.eq("state", "loading"),
                                Filters.lt("startedAt", now.minus(STALE_CLAIM))),
                                Updates.set("startedAt", now))
                        .map(result -> result.getModifiedCount() == 1));
    }

    private Uni<Void> loadTaxonomy() {
        Instant now = Instant.now();
        Uni<Void> brandsDone = Multi.createFrom().iterable(DemoCatalog.brands())
                .onItem().transformToUniAndConcatenate(b -> {
                    BrandDocument doc = new BrandDocument();
                    doc.id = b.code();
                    doc.name = b.name();
                    doc.description = b.description();
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return ignoreDuplicate(brands.persist(doc).replaceWithVoid());
                }).collect().last().replaceWithVoid();
        Uni<Void> modelsDone = Multi.createFrom().iterable(DemoCatalog.models())
                .onItem().transformToUniAndConcatenate(m -> {
                    VehicleModelDocument doc = new VehicleModelDocument();
                    doc.id = m.brand() + ":" + m.code();
                    doc.brand = m.brand();
                    doc.code = m.code();
                    doc.name = m.name();
                    doc.yearFrom = m.yearFrom();
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return ignoreDuplicate(models.persist(doc).replaceWithVoid());
                }).collect().last().replaceWithVoid();
        List<DemoCatalog.DemoCategory> tree = DemoCatalog.categories();
        Uni<Void> categoriesDone = Multi.createFrom().iterable(tree)
                .onItem().transformToUniAndConcatenate(c -> {
                    CategoryDocument doc = new CategoryDocument();
                    doc.id = new org.bson.types.ObjectId(c.id());
                    doc.slug = c.slug();
                    doc.name = c.name();
                    doc.parentId = c.parentSlug() == null ? null
                            : tree.stream().filter(p -> p.slug().equals(c.parentSlug())).findFirst().orElseThrow().id();
                    doc.sortOrder = tree.indexOf(c);
                    doc.createdAt = now;
                    doc.updatedAt = now;
                    doc.version = 1;
                    return ignoreDuplicate(categories.persist(doc).replaceWithVoid());
                }).collect().last().replaceWithVoid();
        return brandsDone.flatMap(ok -> modelsDone).flatMap(ok -> categoriesDone).invoke(taxonomy::invalidate);
    }

    private Uni<Integer> loadProducts(Instant now) {
        List<DemoCatalog.DemoProduct> demo = DemoCatalog.products(config.demoData().products(), now);
        return Multi.createFrom().iterable(demo)
                .onItem().transformToUniAndConcatenate(p -> products.findById(p.id())
                        .flatMap(existing -> existing != null ? Uni.createFrom().item(0) : insert(p, now)))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .invoke(count -> Log.infof("Demo catalogue: %d products written", count));
    }

    private Uni<Integer> insert(DemoCatalog.DemoProduct p, Instant now) {
        String[] label = p.imageLabel().split("\\|", 2);
        // Drawing is CPU work: off the event loop.
        return Uni.createFrom().item(() -> PlaceholderImages.png(label[0], label[1]))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(png -> insert(p, png, now));
    }

    private Uni<Integer> insert(DemoCatalog.DemoProduct p, byte[] png, Instant now) {
        return media.store(png, p.details().sku().toLowerCase() + ".png", "image/png", p.id().toHexString())
                .flatMap(imageId -> {
                    CatalogEntry entry = CatalogEntry.create(p.id().toHexString(), p.details(), config.currency(),
                            p.stock(), List.of(new ProductImage(imageId.toHexString(), "image/png", png.length,
                                    p.details().name())),
                            now);
                    return catalogue.insert(entry)
                            .replaceWith(1)
                            // Written by another instance meanwhile: drop the picture this run stored.
                            .onFailure(MongoErrors::isDuplicateKey)
                            .recoverWithUni(() -> media.delete(imageId).replaceWith(0));
                });
    }

    private ReactiveMongoCollection<Document> meta() {
        return brands.mongoDatabase().getCollection("catalog_meta");
    }

    private static Uni<Void> ignoreDuplicate(Uni<Void> write) {
        return write.onFailure(MongoErrors::isDuplicateKey).recoverWithNull();
    }
}
