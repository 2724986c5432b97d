package dev.shop.catalog.application;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>
 * Every change of a held product (or of a brand name it is indexed with) moves the view to a new {@link Version};
 * search results are cached per normalised query for one version (see {@link VersionedCache}), and so are the
 * responses rendered from them.
 */
@ApplicationScoped
public class ProductView {

    /**
     * What reads of the view depend on: the products held ({@code products}, counting changes), the taxonomy snapshot
     * they are named with, and the time: until {@code validUntil} (null: no end) no offer starts or ends, so effective
     * prices, sale flags and everything computed from them stay as they are.
     */
    public record Version(long products, long taxonomy, Instant validUntil) {

        /** Later on every count (a null {@code validUntil} is the latest). */
        public boolean isNewerThan(Version other) {
            boolean later = validUntil == null || other.validUntil != null && !validUntil.isBefore(other.validUntil);
            return products >= other.products && taxonomy >= other.taxonomy && later && !equals(other);
        }
    }

    /** A page of search results, the normalised selection it answers and the version of the view it was read from. */
    public record Found(ProductSearch.Result result, ProductSearch.Selection selection, Version version) {
    }

    private record Held(Product product, long revision, ProductSearch.Entry entry) {
    }

    /** The time until which no held product's price changes by itself, as found at {@code generation}. */
    private record Boundary(long generation, Instant computedAt, Instant validUntil) {
    }

    private final ProductRepository products;
    private final TaxonomyCache taxonomy;
    private final CatalogConfig config;
    private final Map<String, Held> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idBySlug = new ConcurrentHashMap<>();
    private final AtomicReference<Uni<Void>> loaded = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private final VersionedCache<ProductSearch.Selection, ProductSearch.Matches> results;
    private volatile long indexedGeneration = -1;
    private volatile TaxonomySnapshot names;
    private volatile Instant lastPoll;
    private volatile Boundary boundary;

    public ProductView(ProductRepository products, TaxonomyCache taxonomy, CatalogConfig config) {
        this.products = products;
        this.taxonomy = taxonomy;
        this.config = config;
        this.results = new VersionedCache<>(config.cache().searchResults(),
                (selection, matches) -> matches.products().size() + 1);
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

    /**
     * Searches the held products with the taxonomy {@code snapshot} the caller answers the request with. The matches of
     * a selection (all pages, and the facets) are computed once per version of the view.
     */
    public Uni<Found> search(ProductSearch.Criteria criteria, TaxonomySnapshot snapshot) {
        return ready().map(ok -> {
            reindexIfRenamed(snapshot);
            Instant now = Instant.now();
            // The version is read before the products: what is found is at least as new as the version it is cached
            // under, never older.
            Version version = version(snapshot, now);
            ProductSearch.Selection selection = criteria.selection();
            ProductSearch.Matches matches = results.get(version, selection, key -> ProductSearch
                    .match(byId.values().stream().map(Held::entry).toList(), key, snapshot.categories(), now));
            return new Found(matches.page(criteria.offset(), criteria.limit()), selection, version);
        });
    }

    /** The version of the view at {@code now}, for answers rendered with {@code snapshot}. */
    public Version version(TaxonomySnapshot snapshot, Instant now) {
        long current = generation.get();
        Boundary b = boundary;
        if (b == null || b.generation() != current || now.isBefore(b.computedAt())
                || b.validUntil() != null && !now.isBefore(b.validUntil())) {
            b = new Boundary(current, now, nextPriceChange(now));
            boundary = b;
        }
        return new Version(current, snapshot.generation(), b.validUntil());
    }

    private Instant nextPriceChange(Instant now) {
        Instant next = null;
        for (Held held : byId.values()) {
            Instant change = held.product().nextPriceChange(now);
            if (change != null && (next == null || change.isBefore(next))) {
                next = change;
            }
        }
        return next;
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
        boolean[] changed = { false };
        byId.compute(id, (key, held) -> {
            // Every write increments the revision: the same revision is the same content (polls read each change
            // several times), an older one is outdated.
            if (held != null && held.revision() >= doc.revision) {
                return held;
            }
            if (held == null && doc.deleted) {
                return null;
            }
            changed[0] = true;
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
        if (changed[0]) {
            // After the change is in the map: a reader that sees the new generation sees the change.
            generation.incrementAndGet();
        }
    }

    private ProductSearch.Entry entry(Product product) {
        TaxonomySnapshot snapshot = names;
        return ProductSearch.Entry.of(product, code -> snapshot == null ? code : snapshot.brandName(code));
    }

    /** Brand names are part of the searchable text: a renamed brand re-indexes the view. */
    private void reindexIfRenamed(TaxonomySnapshot snapshot) {
        if (snapshot.generation() > indexedGeneration) {
            reindex(snapshot);
        }
    }

    private synchronized void reindex(TaxonomySnapshot snapshot) {
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
        generation.incrementAndGet();
    }
}
