package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.CatalogEntry;
import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductDetails;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.persistence.MongoIndexes;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductMapper;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Product commands (admin) and reads. Every change is a command of the product's {@link CatalogEntry}, stored by the
 * kit's aggregate store in one conditional update that also appends the events announcing it; a stale {@code version}
 * is a 409, never a silent overwrite.
 */
@ApplicationScoped
public class ProductService {

    private final ProductView view;
    private final TaxonomyCache taxonomy;
    private final MongoIndexes indexes;
    private final CatalogConfig config;
    private final AggregateStore<CatalogEntry, ProductDocument> store;

    public ProductService(ProductRepository products, ProductView view, TaxonomyCache taxonomy, MongoIndexes indexes,
            CatalogConfig config, AggregateStores stores) {
        this.view = view;
        this.taxonomy = taxonomy;
        this.indexes = indexes;
        this.config = config;
        this.store = productStore(products, stores);
    }

    /**
     * The store of products. Its writes are conditional on {@code revision}, which the stock saga's atomic updates
     * increment too, and stamp {@code touchedAt} for the views of every instance; {@code version} stays the count of
     * edits that clients see.
     */
    static AggregateStore<CatalogEntry, ProductDocument> productStore(ProductRepository products,
            AggregateStores stores) {
        return stores.of(products, new ProductMapper(),
                AggregateStore.Options.defaults().withVersionField("revision").withWriteStamp("touchedAt"));
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
        return store.find(productId(id))
                .map(found -> found.filter(entry -> !entry.deleted()).map(CatalogEntry::product)
                        .orElseThrow(() -> ProblemException.notFound("No product " + id)));
    }

    /** Products matching {@code query}, with its category resolved in {@code snapshot} (the request's taxonomy). */
    public Uni<ProductView.Found> search(ProductSearch.Query query, TaxonomySnapshot snapshot) {
        return view.search(query.toCriteria(snapshot.categories()), snapshot);
    }

    // ---- commands

    public Uni<Product> create(ProductDetails details, int initialStock) {
        CatalogEntry entry = CatalogEntry.create(new ObjectId().toHexString(), details, config.currency(),
                initialStock, List.of(), Instant.now());
        return indexes.ready()
                .flatMap(ok -> checkReferences(details))
                .flatMap(ok -> insert(entry))
                .onFailure(MongoErrors::isDuplicateKey).transform(e -> duplicate(details, e));
    }

    /** Stores a new product with its ProductCreated event (the demo catalogue's products come this way too). */
    public Uni<Product> insert(CatalogEntry entry) {
        return store.insert(entry, entry.created()).flatMap(saved -> afterWrite(saved.product().id()));
    }

    public Uni<Product> update(String id, ProductDetails details, long expectedVersion) {
        ObjectId oid = productId(id);
        return indexes.ready()
                .flatMap(ok -> checkReferences(details))
                .flatMap(ok -> store.modify(oid, entry -> entry.edit(details, expectedVersion, Instant.now())))
                .onFailure(MongoErrors::isDuplicateKey).transform(e -> duplicate(details, e))
                .flatMap(saved -> afterWrite(id));
    }

    /** Removes the product from the catalogue; the document stays as a tombstone (SKU not reusable). */
    public Uni<Void> delete(String id) {
        ObjectId oid = productId(id);
        return store.modify(oid, entry -> entry.delete(Instant.now()))
                .flatMap(deleted -> view.refresh(oid))
                .replaceWithVoid();
    }

    /** Runs a command on the product's entry (images, stock), answering 404 for a product that is not there. */
    public Uni<CatalogEntry> modify(String id, java.util.function.Function<CatalogEntry, List<?>> command) {
        return store.modify(productId(id), command);
    }

    private Uni<Product> afterWrite(String id) {
        ObjectId oid = new ObjectId(id);
        return view.refresh(oid).flatMap(held -> held.isPresent() ? Uni.createFrom().item(held.get())
                : current(id));
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
