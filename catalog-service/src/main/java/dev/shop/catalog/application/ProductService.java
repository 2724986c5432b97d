package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Codes;
import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductDetails;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.catalog.persistence.MongoIndexes;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Product commands (admin) and reads. Every change is one conditional update of the product document that also appends
 * the event announcing it (DESIGN §6.1); a stale {@code version} is a 409, never a silent overwrite.
 */
@ApplicationScoped
public class ProductService {

    /** Retries when only the announced stock level moved under an update (not a conflict the admin caused). */
    private static final int ATTEMPTS = 5;

    private final ProductRepository products;
    private final ProductView view;
    private final TaxonomyCache taxonomy;
    private final ProductEvents events;
    private final OutboxRelay relay;
    private final MongoIndexes indexes;
    private final CatalogConfig config;

    public ProductService(ProductRepository products, ProductView view, TaxonomyCache taxonomy, ProductEvents events,
            OutboxRelay relay, MongoIndexes indexes, CatalogConfig config) {
        this.products = products;
        this.view = view;
        this.taxonomy = taxonomy;
        this.events = events;
        this.relay = relay;
        this.indexes = indexes;
        this.config = config;
    }

    // ---- reads

    /**
     * A product by id or slug. Customers see active products only; anything else is a 404 for them.
     */
    public Uni<Product> find(String idOrSlug, boolean includeHidden) {
        Uni<Optional<Product>> found = ObjectId.isValid(idOrSlug) ? view.byId(idOrSlug) : view.bySlug(idOrSlug);
        return found.map(p -> p.filter(product -> includeHidden || product.isActive())
                .orElseThrow(() -> ProblemException.notFound("No product " + idOrSlug)));
    }

    /** The stored product, read from the database (for commands that build on the current state). */
    public Uni<Product> current(String id) {
        return products.findLive(productId(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + id))
                .map(ProductDocument::toDomain);
    }

    /**
     * @param category a category id or slug; its sub-categories are included. An unknown category matches nothing.
     */
    public Uni<ProductSearch.Result> search(String q, String category, String brand, String model, Long minPrice,
            Long maxPrice, Boolean inStock, Boolean onSale, Set<ProductStatus> statuses, ProductSearch.Sort sort,
            int offset, int limit) {
        return taxonomy.get().flatMap(snapshot -> {
            Set<String> categoryIds = category == null ? null
                    : snapshot.categories().find(category).map(c -> snapshot.categories().subtreeIds(c.id()))
                            .orElse(Set.of());
            return view.search(new ProductSearch.Criteria(q, categoryIds, brand, model, minPrice, maxPrice, inStock,
                    onSale, statuses, sort, offset, limit));
        });
    }

    // ---- commands

    public Uni<Product> create(ProductDetails details, int initialStock) {
        ProductDocument doc = newDocument(new ObjectId(), details, initialStock, config.currency(), Instant.now());
        return indexes.ready()
                .flatMap(ok -> checkReferences(details))
                .flatMap(ok -> {
                    doc.outbox.add(events.created(doc.toDomain(), initialStock));
                    return products.persist(doc);
                })
                .onFailure(TaxonomyService::isDuplicateKey).transform(e -> duplicate(details, e))
                .flatMap(saved -> afterWrite(saved.id));
    }

    public Uni<Product> update(String id, ProductDetails details, long expectedVersion) {
        ObjectId oid = productId(id);
        return indexes.ready()
                .flatMap(ok -> checkReferences(details))
                .flatMap(ok -> attemptUpdate(oid, details, expectedVersion, 1));
    }

    /** Removes the product from the catalogue; the document stays as a tombstone (SKU not reusable). */
    public Uni<Void> delete(String id) {
        ObjectId oid = productId(id);
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + id))
                .flatMap(doc -> {
                    Instant now = Instant.now();
                    OutboxEvent deleted = events.deleted(doc.toDomain(), now);
                    return products.mongoCollection().updateOne(
                            Filters.and(Filters.eq("_id", oid), Filters.ne("deleted", true)),
                            Updates.combine(Updates.set("deleted", true), Updates.set("deletedAt", now),
                                    Updates.set("status", ProductStatus.ARCHIVED.wire()),
                                    Updates.set("updatedAt", now), Updates.inc("version", 1L),
                                    ProductWrites.touch(), Updates.push("outbox", deleted)));
                })
                .flatMap(result -> {
                    if (result.getModifiedCount() == 0) {
                        throw ProblemException.notFound("No product " + id);
                    }
                    relay.publishSoon(ProductDocument.COLLECTION, oid);
                    return view.refresh(oid);
                })
                .replaceWithVoid();
    }

    /** A new product document (without its ProductCreated event, which needs the document's domain view). */
    static ProductDocument newDocument(ObjectId id, ProductDetails details, int initialStock, String currency,
            Instant now) {
        ProductDocument doc = new ProductDocument();
        doc.id = id;
        write(doc, details);
        doc.slug = slugOf(details);
        doc.currency = currency;
        doc.stock = initialStock;
        doc.publishedStock = initialStock;
        doc.createdAt = now;
        doc.updatedAt = now;
        doc.touchedAt = now;
        doc.revision = 1;
        doc.version = 1;
        return doc;
    }

    private Uni<Product> attemptUpdate(ObjectId oid, ProductDetails details, long expectedVersion, int attempt) {
        return products.findLive(oid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No product " + oid.toHexString()))
                .flatMap(doc -> {
                    if (doc.version != expectedVersion) {
                        throw TaxonomyService.stale("product " + oid.toHexString(), doc.version);
                    }
                    Product current = doc.toDomain();
                    current.checkTransition(details);
                    List<String> changes = details.changesFrom(current);
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(current);
                    }
                    Instant now = Instant.now();
                    ProductDocument next = new ProductDocument();
                    next.id = doc.id;
                    write(next, details);
                    boolean renamed = changes.contains("name") || changes.contains("sku");
                    next.slug = renamed ? slugOf(details) : doc.slug;
                    next.currency = doc.currency;
                    next.stock = doc.stock;
                    next.images = doc.images;
                    next.ratingCount = doc.ratingCount;
                    next.ratingSum = doc.ratingSum;
                    next.soldCount = doc.soldCount;
                    next.createdAt = doc.createdAt;
                    next.updatedAt = now;
                    next.version = doc.version + 1;
                    OutboxEvent event = events.updated(next.toDomain(), doc.publishedStock, changes);
                    Bson update = Updates.combine(Updates.set("sku", next.sku), Updates.set("name", next.name),
                            Updates.set("slug", next.slug), Updates.set("description", next.description),
                            Updates.set("brand", next.brand), Updates.set("models", next.models),
                            Updates.set("fitmentKeys", next.fitmentKeys), Updates.set("brandKeys", next.brandKeys),
                            Updates.set("categoryId", next.categoryId), Updates.set("attributes", next.attributes),
                            Updates.set("price", next.price), Updates.set("offer", next.offer),
                            Updates.set("status", next.status), Updates.set("updatedAt", now),
                            Updates.inc("version", 1L), ProductWrites.touch(), Updates.push("outbox", event));
                    // Conditional on the announced stock level too: a stock announcement written meanwhile must not be
                    // followed by this event's older level.
                    Bson filter = Filters.and(Filters.eq("_id", oid), Filters.eq("version", expectedVersion),
                            Filters.ne("deleted", true), Filters.eq("publishedStock", doc.publishedStock));
                    return products.mongoCollection().updateOne(filter, update)
                            .onFailure(TaxonomyService::isDuplicateKey).transform(e -> duplicate(details, e))
                            .flatMap(result -> {
                                if (result.getModifiedCount() == 1) {
                                    return afterWrite(oid);
                                }
                                if (attempt >= ATTEMPTS) {
                                    throw ProblemException.conflict("The product kept changing; retry");
                                }
                                return attemptUpdate(oid, details, expectedVersion, attempt + 1);
                            });
                });
    }

    private Uni<Product> afterWrite(ObjectId id) {
        relay.publishSoon(ProductDocument.COLLECTION, id);
        return view.refresh(id).flatMap(held -> held.isPresent() ? Uni.createFrom().item(held.get())
                : products.findById(id).map(ProductDocument::toDomain));
    }

    /** Brand, fitment models and category must exist; the snapshot is read again once before refusing. */
    private Uni<Void> checkReferences(ProductDetails details) {
        return taxonomy.get()
                .flatMap(snapshot -> missingReferences(snapshot, details).isEmpty()
                        ? Uni.createFrom().item(snapshot)
                        : taxonomy.reload())
                .map(snapshot -> {
                    List<Problem.Violation> missing = missingReferences(snapshot, details);
                    if (!missing.isEmpty()) {
                        throw ProblemException.invalid(missing);
                    }
                    return null;
                });
    }

    private static List<Problem.Violation> missingReferences(TaxonomySnapshot snapshot, ProductDetails details) {
        List<Problem.Violation> missing = new ArrayList<>();
        if (snapshot.brand(details.brand()).isEmpty()) {
            missing.add(new Problem.Violation("brand", "no brand " + details.brand()));
        }
        for (int i = 0; i < details.models().size(); i++) {
            Fitment f = details.models().get(i);
            if (!snapshot.modelKeys().contains(f.key())) {
                missing.add(new Problem.Violation("models[" + i + "]", "no model " + f.model() + " of brand "
                        + f.brand()));
            }
        }
        if (snapshot.categories().byId(details.categoryId()).isEmpty()) {
            missing.add(new Problem.Violation("categoryId", "no category " + details.categoryId()));
        }
        return missing;
    }

    private static void write(ProductDocument doc, ProductDetails d) {
        doc.sku = d.sku();
        doc.name = d.name();
        doc.description = d.description();
        doc.brand = d.brand();
        doc.models = d.models().stream().map(ProductDocument.FitmentDocument::new)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        doc.fitmentKeys = d.models().stream().map(Fitment::key).distinct()
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        Set<String> brandKeys = new LinkedHashSet<>();
        brandKeys.add(d.brand());
        d.models().forEach(f -> brandKeys.add(f.brand()));
        doc.brandKeys = new ArrayList<>(brandKeys);
        doc.categoryId = d.categoryId();
        doc.attributes = new java.util.LinkedHashMap<>(d.attributes());
        doc.price = d.price();
        doc.offer = d.offer() == null ? null : new ProductDocument.OfferDocument(d.offer());
        doc.status = d.status().wire();
    }

    private static String slugOf(ProductDetails details) {
        String name = Codes.slugify(details.name());
        String sku = details.sku().toLowerCase(java.util.Locale.ROOT);
        return name.isEmpty() ? sku : name + "-" + sku;
    }

    private static ProblemException duplicate(ProductDetails details, Throwable e) {
        if (e.getMessage() != null && e.getMessage().contains("slug")) {
            return ProblemException.conflict("Another product already has the slug of " + details.name());
        }
        return ProblemException.conflict("SKU " + details.sku() + " already exists");
    }

    static ObjectId productId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ProblemException.notFound("No product " + id);
        }
        return new ObjectId(id);
    }
}
