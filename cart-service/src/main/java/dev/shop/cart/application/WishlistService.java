package dev.shop.cart.application;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.cart.domain.CartProblems;
import dev.shop.cart.domain.CartView;
import dev.shop.cart.domain.Wishlist;
import dev.shop.cart.domain.WishlistView;
import dev.shop.cart.persistence.WishlistDocument;
import dev.shop.cart.persistence.WishlistMapper;
import dev.shop.cart.persistence.WishlistRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** A customer's wishlist: commands through the aggregate store, items priced from the read model when read. */
@ApplicationScoped
public class WishlistService {

    private final AggregateStore<Wishlist, WishlistDocument> wishlists;
    private final ProductCatalogue catalogue;
    private final CartService carts;

    public WishlistService(WishlistRepository repository, AggregateStores stores, ProductCatalogue catalogue,
            CartService carts) {
        this.wishlists = stores.of(repository, new WishlistMapper());
        this.catalogue = catalogue;
        this.carts = carts;
    }

    /** The wishlist after an add, and whether the product was new on it. */
    public record Added(WishlistView wishlist, boolean added) {
    }

    public Uni<WishlistView> view(String userId) {
        return wishlists.find(userId).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(new WishlistView(List.of(), null))
                : priced(found.get()));
    }

    /** Adds a product; adding one that is there already changes nothing. */
    public Uni<Added> add(String userId, String productId) {
        return catalogue.require(productId).flatMap(product -> ensureExists(userId).flatMap(ignored -> {
            AtomicBoolean isNew = new AtomicBoolean();
            return wishlists.modify(userId, w -> {
                isNew.set(!w.contains(productId));
                return w.add(product, Instant.now());
            }).flatMap(this::priced).map(view -> new Added(view, isNew.get()));
        }));
    }

    public Uni<Void> remove(String userId, String productId) {
        return wishlists.find(userId).flatMap(found -> {
            if (found.isEmpty() || !found.get().contains(productId)) {
                return Uni.createFrom().failure(CartProblems.notInWishlist(productId));
            }
            return wishlists.modify(userId, w -> w.remove(productId, Instant.now())).replaceWithVoid();
        });
    }

    /**
     * Puts the product in the cart (one unit, unless it is in the cart already) and then takes it off the wishlist.
     * If the second step fails, repeating the call finishes it without adding to the cart again.
     */
    public Uni<CartView> moveToCart(String userId, String productId) {
        return wishlists.find(userId).flatMap(found -> {
            if (found.isEmpty() || !found.get().contains(productId)) {
                return Uni.createFrom().failure(CartProblems.notInWishlist(productId));
            }
            return catalogue.require(productId)
                    .flatMap(product -> carts.ensureLine(userId, product))
                    .call(cart -> wishlists.modify(userId, w -> w.contains(productId)
                            ? w.remove(productId, Instant.now())
                            : List.of())
                            .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull());
        });
    }

    private Uni<Boolean> ensureExists(String userId) {
        return wishlists.find(userId).flatMap(found -> found.isPresent() ? Uni.createFrom().item(false)
                : wishlists.insert(Wishlist.open(userId, Instant.now()), List.of()).replaceWith(true)
                        .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(false));
    }

    private Uni<WishlistView> priced(Wishlist wishlist) {
        return catalogue.lookup(wishlist.productIds()).map(products -> wishlist.view(products, Instant.now()));
    }
}
