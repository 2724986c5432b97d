package dev.shop.catalog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.common.Money;
import dev.shop.kit.aggregate.StaleVersionException;
import dev.shop.kit.problem.ProblemException;

/**
 * A product's entry in the catalogue: what customers see ({@link Product}) and what the catalogue keeps to run it: the
 * stock level last announced to other services, the units held for orders, the tombstone of a deleted product. The
 * aggregate behind every product command: each checks its rule, changes the entry and returns the events announcing
 * the change (stored by the kit's aggregate store in the same write).
 * <p>
 * {@code version} counts edits of the product's own fields (what a client sends back with an edit); stock, images and
 * ratings change through their own commands and leave it alone. Holds are taken and given back by the stock saga with
 * atomic updates of their own; commands here carry them through unchanged.
 */
public final class CatalogEntry {

    /** Units held on the product for one order, until the order is delivered, cancelled or rejected. */
    public record Hold(String orderId, int quantity, boolean sold, Instant at) {
    }

    private Product product;
    private int publishedStock;
    private boolean stockDirty;
    private final List<Hold> holds;
    private boolean deleted;
    private Instant deletedAt;

    public CatalogEntry(Product product, int publishedStock, boolean stockDirty, List<Hold> holds, boolean deleted,
            Instant deletedAt) {
        this.product = product;
        this.publishedStock = publishedStock;
        this.stockDirty = stockDirty;
        this.holds = List.copyOf(holds);
        this.deleted = deleted;
        this.deletedAt = deletedAt;
    }

    /** A new product at version 1, its initial stock already announced by its creation. */
    public static CatalogEntry create(String id, ProductDetails details, String currency, int initialStock,
            List<ProductImage> images, Instant now) {
        Product product = new Product(id, details.sku(), details.name(), slugOf(details), details.description(),
                details.brand(), details.models(), details.categoryId(), details.attributes(), details.price(),
                currency, details.offer(), initialStock, details.status(), images, 0, 0, 0, now, now, 1);
        return new CatalogEntry(product, initialStock, false, List.of(), false, null);
    }

    /** The event of the creation. */
    public List<Object> created() {
        return List.of(new ProductCreated(snapshot(publishedStock)));
    }

    /**
     * An admin's edit of the product's own fields, decided on version {@code expectedVersion}.
     *
     * @throws StaleVersionException 409 when the product was edited since
     * @throws ProblemException 409 for an illegal status change, 404 for a deleted product
     */
    public List<Object> edit(ProductDetails details, long expectedVersion, Instant now) {
        requireLive();
        if (product.version() != expectedVersion) {
            throw new StaleVersionException("The product " + product.id() + " was changed meanwhile (now version "
                    + product.version() + "); reload and retry");
        }
        product.checkTransition(details);
        List<String> changes = details.changesFrom(product);
        if (changes.isEmpty()) {
            return List.of();
        }
        boolean renamed = changes.contains("name") || changes.contains("sku");
        Product p = product;
        product = new Product(p.id(), details.sku(), details.name(), renamed ? slugOf(details) : p.slug(),
                details.description(), details.brand(), details.models(), details.categoryId(), details.attributes(),
                details.price(), p.currency(), details.offer(), p.stock(), details.status(), p.images(),
                p.ratingCount(), p.ratingSum(), p.soldCount(), p.createdAt(), now, p.version() + 1);
        return List.of(new ProductUpdated(snapshot(publishedStock), changes));
    }

    /** Removes the product from the catalogue for good; the entry stays as a tombstone (its SKU is not reusable). */
    public List<Object> delete(Instant now) {
        requireLive();
        deleted = true;
        deletedAt = now;
        Product p = product;
        product = new Product(p.id(), p.sku(), p.name(), p.slug(), p.description(), p.brand(), p.models(),
                p.categoryId(), p.attributes(), p.price(), p.currency(), p.offer(), p.stock(), ProductStatus.ARCHIVED,
                p.images(), p.ratingCount(), p.ratingSum(), p.soldCount(), p.createdAt(), now, p.version() + 1);
        return List.of(new ProductDeleted(p.id(), p.sku(), now));
    }

    /** Adds an image at the end. */
    public List<Object> attachImage(ProductImage image, int maxImages, Instant now) {
        requireLive();
        if (product.images().size() >= maxImages) {
            throw ProblemException.conflict("A product has at most " + maxImages + " images; delete one first");
        }
        List<ProductImage> images = new ArrayList<>(product.images());
        images.add(image);
        return withImages(images, now);
    }

    /** Puts the images in the given order; the ids must be exactly the product's images. */
    public List<Object> reorderImages(List<String> imageIds, Instant now) {
        requireLive();
        List<ProductImage> current = product.images();
        Set<String> currentIds = new HashSet<>(current.stream().map(ProductImage::id).toList());
        if (imageIds.size() != current.size() || !currentIds.equals(new HashSet<>(imageIds))) {
            throw ProblemException.invalid("imageIds",
                    "must list each of the product's " + current.size() + " images exactly once");
        }
        List<ProductImage> ordered = imageIds.stream()
                .map(id -> current.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow())
                .toList();
        return ordered.equals(current) ? List.of() : withImages(ordered, now);
    }

    public List<Object> detachImage(String imageId, Instant now) {
        requireLive();
        List<ProductImage> remaining = product.images().stream().filter(i -> !i.id().equals(imageId)).toList();
        if (remaining.size() == product.images().size()) {
            throw ProblemException.notFound("Product " + product.id() + " has no image " + imageId);
        }
        return withImages(remaining, now);
    }

    /**
     * An admin's manual change of the stock (goods received, damage, stock-take), audited by its event.
     *
     * @throws ProblemException 422 when it would leave less than nothing, 400 when it makes the stock absurdly large
     */
    public List<Object> adjustStock(int delta, String reason, String actorId, Instant now) {
        requireLive();
        Product p = product;
        long next = (long) p.stock() + delta;
        if (next < 0) {
            throw ProblemException.businessRule("Only " + p.stock() + " units are on hand; removing " + -delta
                    + " would leave " + next);
        }
        if (next > Integer.MAX_VALUE / 2) {
            throw ProblemException.invalid("delta", "would make the stock unreasonably large");
        }
        product = new Product(p.id(), p.sku(), p.name(), p.slug(), p.description(), p.brand(), p.models(),
                p.categoryId(), p.attributes(), p.price(), p.currency(), p.offer(), (int) next, p.status(),
                p.images(), p.ratingCount(), p.ratingSum(), p.soldCount(), p.createdAt(), now, p.version());
        stockDirty = true;
        return List.of(new StockAdjusted(p.id(), p.sku(), delta, p.stock(), (int) next, reason, actorId));
    }

    /**
     * Announces the stock level: ProductUpdated with the current level when it differs from the last announced one, and
     * StockLow when the move crosses {@code lowThreshold} downwards. The announced levels form one chain in write order
     * and never go back in time; each downward crossing is announced once. Nothing to announce: nothing changes.
     */
    public List<Object> announceStockLevel(int lowThreshold) {
        int level = product.stock();
        int announced = publishedStock;
        if (level == announced && !stockDirty) {
            return List.of();
        }
        List<Object> events = new ArrayList<>();
        if (level != announced && !deleted) {
            events.add(new ProductUpdated(snapshot(level), List.of("stock")));
            if (announced >= lowThreshold && level < lowThreshold) {
                events.add(new StockLow(product.id(), product.sku(), product.name(), level, lowThreshold));
            }
        }
        publishedStock = level;
        stockDirty = false;
        return events;
    }

    /** The product as other services see it, announcing stock {@code stock}. */
    public ProductSnapshot snapshot(int stock) {
        Product p = product;
        Instant now = Instant.now();
        ProductImage image = p.primaryImage();
        return new ProductSnapshot(p.id(), p.sku(), p.name(), p.slug(), p.brand(),
                p.models().stream().map(f -> new dev.shop.contracts.catalog.Fitment(f.brand(), f.model())).toList(),
                p.categoryId(),
                new Money(p.price(), p.currency()),
                p.offer() == null ? null
                        : new dev.shop.contracts.catalog.Offer(p.offer().percent(), p.offer().validFrom(),
                                p.offer().validTo(), p.offer().label()),
                new Money(p.effectivePrice(now), p.currency()),
                stock, p.status().wire(),
                image == null ? null : image.url(),
                p.version(), p.updatedAt());
    }

    private List<Object> withImages(List<ProductImage> images, Instant now) {
        Product p = product;
        product = new Product(p.id(), p.sku(), p.name(), p.slug(), p.description(), p.brand(), p.models(),
                p.categoryId(), p.attributes(), p.price(), p.currency(), p.offer(), p.stock(), p.status(), images,
                p.ratingCount(), p.ratingSum(), p.soldCount(), p.createdAt(), now, p.version());
        return List.of(new ProductUpdated(snapshot(publishedStock), List.of("images")));
    }

    private void requireLive() {
        if (deleted) {
            throw ProblemException.notFound("No product " + product.id());
        }
    }

    /** The slug of a product: its name, made URL-safe, and its SKU (unique). */
    static String slugOf(ProductDetails details) {
        String name = Codes.slugify(details.name());
        String sku = details.sku().toLowerCase(Locale.ROOT);
        return name.isEmpty() ? sku : name + "-" + sku;
    }

    public Product product() {
        return product;
    }

    public int publishedStock() {
        return publishedStock;
    }

    public boolean stockDirty() {
        return stockDirty;
    }

    public List<Hold> holds() {
        return holds;
    }

    public boolean deleted() {
        return deleted;
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
