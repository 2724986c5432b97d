package dev.shop.cart.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.shop.kit.problem.ProblemException;

/**
 * A customer's wishlist: up to {@value #MAX_ITEMS} products kept for later, each at most once. Adding a product that
 * is already there changes nothing.
 */
public final class Wishlist {

    public static final int MAX_ITEMS = 200;

    private final String userId;
    private final long version;
    private final Instant createdAt;
    private final List<WishlistItem> items;
    private Instant updatedAt;

    public Wishlist(String userId, List<WishlistItem> items, Instant createdAt, Instant updatedAt, long version) {
        this.userId = userId;
        this.items = new ArrayList<>(items);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static Wishlist open(String userId, Instant now) {
        return new Wishlist(userId, List.of(), now, now, 0);
    }

    /**
     * @throws ProblemException 404 for a product removed from the catalogue; 422 for one that is not sold (draft,
     *         archived) or when the wishlist is full. Out-of-stock products may be kept.
     */
    public List<Object> add(CatalogueProduct product, Instant now) {
        if (product.deleted()) {
            throw CartProblems.unknownProduct(product.id());
        }
        if (contains(product.id())) {
            return List.of();
        }
        if (!product.sold()) {
            throw CartProblems.unavailable(product);
        }
        if (items.size() >= MAX_ITEMS) {
            throw CartProblems.wishlistLimit();
        }
        items.add(new WishlistItem(product.id(), now));
        updatedAt = now;
        return List.of();
    }

    /** @throws ProblemException 404 when the product is not on the wishlist */
    public List<Object> remove(String productId, Instant now) {
        WishlistItem item = item(productId).orElseThrow(() -> CartProblems.notInWishlist(productId));
        items.remove(item);
        updatedAt = now;
        return List.of();
    }

    public boolean contains(String productId) {
        return item(productId).isPresent();
    }

    /** Each product with its current price and availability, newest first. */
    public WishlistView view(Products products, Instant now) {
        List<WishlistView.Entry> entries = new ArrayList<>();
        items.stream().sorted(Comparator.comparing(WishlistItem::addedAt).reversed()).forEach(item -> {
            Optional<CatalogueProduct> product = products.find(item.productId());
            if (product.isEmpty()) {
                entries.add(new WishlistView.Entry(item.productId(), null, null, null, null, false, false,
                        CatalogueProduct.Unavailability.NOT_SOLD.notice(), item.addedAt()));
                return;
            }
            CatalogueProduct p = product.get();
            Optional<CatalogueProduct.Unavailability> unavailable = p.unavailability();
            entries.add(new WishlistView.Entry(p.id(), p.name(), p.imageUrl(), p.effectivePrice(now), p.price(),
                    p.onSale(now), unavailable.isEmpty(), unavailable.map(CatalogueProduct.Unavailability::notice)
                            .orElse(null),
                    item.addedAt()));
        });
        return new WishlistView(entries, updatedAt);
    }

    public Set<String> productIds() {
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(i -> ids.add(i.productId()));
        return ids;
    }

    public String userId() {
        return userId;
    }

    public long version() {
        return version;
    }

    public List<WishlistItem> items() {
        return List.copyOf(items);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    private Optional<WishlistItem> item(String productId) {
        return items.stream().filter(i -> i.productId().equals(productId)).findFirst();
    }
}
