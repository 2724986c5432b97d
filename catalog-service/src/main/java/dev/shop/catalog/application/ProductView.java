package dev.shop.catalog.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductMapper;
import dev.shop.catalog.persistence.ProductRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The products of the catalogue held in memory for reads: product pages, listing, search and facets. MongoDB stays the
 * source of truth; the view is read whole on start, updated right after this instance's own writes, and every
 * {@code shop.catalog.view.refresh-interval} it reads the documents touched since the last pass (changes made by other
 * instances and by the stock saga). A document replaces the held one only if its {@code revision} is newer.
 * <p>
 * Catalogue reads outnumber writes about a hundred to one and the embedded database sorts and skips in Java, so this
 * keeps reads off the database entirely. It suits catalogues up to some hundred thousand products per instance; beyond
 * that, search belongs in a search engine fed by {@code shop.catalog.products.v1}.
 */
@ApplicationScoped
public class ProductView {

    private record Held(Product product, long revision, ProductSearch.Entry entry) {
    }

    private final ProductRepository products;
    private final TaxonomyCache taxonomy;
    private final CatalogConfig config;
    private final Map<String, Held> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idBySlug = new ConcurrentHashMap<>();
    private final AtomicReference<Uni<Void>> loaded = new AtomicReference<>();
    private volatile long indexedGeneration = -1;
    private volatile TaxonomySnapshot names;
    private volatile Instant lastPoll;

    public ProductView(ProductRepository products, TaxonomyCache taxonomy, CatalogConfig config) {
        this.products = products;
        this.taxonomy = taxonomy;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        ready().subscribe().with(ok -> Log.infof("product view loaded: %d products", byId.size()),
                failure -> Log.warnf("product view not loaded yet: %s", failure.getMessage()));
    }

    /** Completes once the view was read whole; a failed read is retried by the next caller. */
    public Uni<Void> ready() {
        Uni<Void> current = loaded.get();
        if (current != null) {
            return current;
        }
        Uni<Void> attempt = loadAll().memoize().indefinitely();
        if (!loaded.compareAndSet(null, attempt)) {
            return loaded.get();
        }
        return attempt.onFailure().invoke(f -> loaded.compareAndSet(attempt, null));
    }

    public Uni<Optional<Product>> byId(String id) {
        return ready().map(ok -> Optional.ofNullable(byId.get(id)).map(Held::product));
    }

    public Uni<Optional<Product>> bySlug(String slug) {
        return ready().map(ok -> Optional.ofNullable(idBySlug.get(slug)).map(byId::get).map(Held::product));
    }

    /** Searches the held products with the taxonomy {@code snapshot} the caller answers the request with. */
    public Uni<ProductSearch.Result> search(ProductSearch.Criteria criteria, TaxonomySnapshot snapshot) {
        return ready().map(ok -> {
            reindexIfRenamed(snapshot);
            List<ProductSearch.Entry> entries = byId.values().stream().map(Held::entry).toList();
            return ProductSearch.search(entries, criteria, snapshot.categories(), Instant.now());
        });
    }

    /** Reads one product again after a write of this instance; returns what is held now. */
    public Uni<Optional<Product>> refresh(ObjectId id) {
        return ready().flatMap(ok -> products.findById(id))
                .map(doc -> {
                    if (doc != null) {
                        apply(doc);
                    }
                    return Optional.ofNullable(byId.get(id.toHexString())).map(Held::product);
                });
    }

    /** Picks up what other instances and the stock saga changed. */
    @Scheduled(every = "${shop.catalog.view.refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (loaded.get() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant started = Instant.now();
        Instant since = (lastPoll == null ? started : lastPoll).minus(config.view().refreshOverlap());
        return ready()
                .flatMap(ok -> products.mongoCollection().find(Filters.gte("touchedAt", since)).collect().asList())
                .invoke(docs -> {
                    docs.forEach(this::apply);
                    lastPoll = started;
                })
                .onFailure().invoke(f -> Log.debugf("product view refresh failed: %s", f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> loadAll() {
        Instant started = Instant.now();
        return taxonomy.get()
                .invoke(snapshot -> {
                    names = snapshot;
                    indexedGeneration = snapshot.generation();
                })
                .flatMap(snapshot -> products.mongoCollection().find(Filters.ne("deleted", true)).collect().asList())
                .invoke(docs -> {
                    docs.forEach(this::apply);
                    lastPoll = started;
                })
                .replaceWithVoid();
    }

    private void apply(ProductDocument doc) {
        String id = doc.id.toHexString();
        byId.compute(id, (key, held) -> {
            if (held != null && held.revision() > doc.revision) {
                return held;
            }
            if (held != null) {
                idBySlug.remove(held.product().slug(), key);
            }
            if (doc.deleted) {
                return null;
            }
            Product product = ProductMapper.toProduct(doc);
            idBySlug.put(product.slug(), key);
            return new Held(product, doc.revision, entry(product));
        });
    }

    private ProductSearch.Entry entry(Product product) {
        TaxonomySnapshot snapshot = names;
        return ProductSearch.Entry.of(product, code -> snapshot == null ? code : snapshot.brandName(code));
    }

    /** Brand names are part of the searchable text: a renamed brand re-indexes the view. */
    private synchronized void reindexIfRenamed(TaxonomySnapshot snapshot) {
        if (snapshot.generation() <= indexedGeneration) {
            return;
        }
        TaxonomySnapshot previous = names;
        names = snapshot;
        indexedGeneration = snapshot.generation();
        if (previous != null && previous.brands().equals(snapshot.brands())) {
            return;
        }
        byId.replaceAll((id, held) -> new Held(held.product(), held.revision(), entry(held.product())));
    }
}
