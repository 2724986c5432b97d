package dev.shop.cart.application;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.cart.config.CartConfig;
import dev.shop.cart.domain.Cart;
import dev.shop.cart.domain.CartOwner;
import dev.shop.cart.domain.CartProblems;
import dev.shop.cart.domain.CartToken;
import dev.shop.cart.domain.CartView;
import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.Products;
import dev.shop.cart.domain.PurchasedLine;
import dev.shop.cart.persistence.CartDocument;
import dev.shop.cart.persistence.CartMapper;
import dev.shop.cart.persistence.CartRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.aggregate.StaleVersionException;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The cart's commands and queries. Every change goes through the aggregate store: the cart decides (limits, stock,
 * availability) and the store writes it with one conditional update on {@code version}, retrying a lost race, so
 * concurrent changes of one cart never lose each other. Every answer to the owner is priced from the read model at
 * that moment and records what the owner was shown, in the same write (see {@link Cart#review}).
 */
@ApplicationScoped
public class CartService {

    /** Times a change is retried because the cart gained a line whose product was not looked up. */
    private static final int LOOKUP_ATTEMPTS = 5;

    private final AggregateStore<Cart, CartDocument> carts;
    private final CartRepository repository;
    private final ProductCatalogue catalogue;
    private final String currency;

    public CartService(CartRepository repository, AggregateStores stores, ProductCatalogue catalogue,
            CartConfig config) {
        this.carts = stores.of(repository, new CartMapper());
        this.repository = repository;
        this.catalogue = catalogue;
        this.currency = config.currency();
    }

    /** What a cart call answers: the cart, and the token of a guest cart it started. */
    public record Outcome(CartView cart, Optional<CartToken> issuedToken) {
    }

    // ---- the owner's calls

    /** The caller's cart (empty when there is none, or a guest cart expired). */
    public Uni<CartView> view(CartCaller caller) {
        CartOwner owner = existingOwner(caller);
        return current(owner).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(CartView.empty(currency));
            }
            Cart cart = found.get();
            Instant now = Instant.now();
            return catalogue.lookup(cart.productIds()).flatMap(products -> {
                if (!cart.reviewWouldChange(products, now, currency)) {
                    return Uni.createFrom().item(cart.preview(products, now, currency));
                }
                return change(owner, Set.of(), (c, p) -> List.of(), 1);
            });
        });
    }

    /**
     * Adds units of a product. An anonymous caller, or a guest whose cart expired, gets a new guest cart and its
     * token.
     */
    public Uni<Outcome> add(CartCaller caller, String productId, int quantity) {
        return catalogue.require(productId).flatMap(product -> {
            BiFunction<Cart, Products, List<Object>> command = (cart, products) -> cart
                    .add(products.find(productId).orElse(product), quantity, Instant.now());
            if (caller instanceof CartCaller.Customer customer) {
                CartOwner owner = new CartOwner.Customer(customer.userId());
                return ensureExists(owner).flatMap(created -> change(owner, Set.of(productId), command, 1))
                        .map(view -> new Outcome(view, Optional.empty()));
            }
            if (caller instanceof CartCaller.Guest guest) {
                CartOwner owner = guest.token().owner();
                return current(owner).flatMap(found -> found.isPresent()
                        ? change(owner, Set.of(productId), command, 1).map(view -> new Outcome(view, Optional.empty()))
                        : startGuestCart(product, quantity));
            }
            return startGuestCart(product, quantity);
        });
    }

    public Uni<CartView> setQuantity(CartCaller caller, String productId, int quantity) {
        CartOwner owner = existingOwner(caller);
        return current(owner).flatMap(found -> {
            if (found.isEmpty() || found.get().line(productId).isEmpty()) {
                return Uni.createFrom().failure(CartProblems.notInCart(productId));
            }
            return change(owner, Set.of(productId), (cart, products) -> cart.setQuantity(productId, quantity,
                    products.find(productId), Instant.now()), 1);
        });
    }

    public Uni<CartView> remove(CartCaller caller, String productId) {
        CartOwner owner = existingOwner(caller);
        return current(owner).flatMap(found -> {
            if (found.isEmpty() || found.get().line(productId).isEmpty()) {
                return Uni.createFrom().failure(CartProblems.notInCart(productId));
            }
            return change(owner, Set.of(), (cart, products) -> cart.remove(productId, Instant.now()), 1);
        });
    }

    /** Empties the cart; nothing to do when there is none. */
    public Uni<Void> clear(CartCaller caller) {
        CartOwner owner = existingOwner(caller);
        return current(owner).flatMap(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : carts.modify(owner.cartId(), cart -> cart.clear(Instant.now())).replaceWithVoid());
    }

    /**
     * Merges the guest cart of {@code token} into the customer's cart and deletes it. An unknown or expired token
     * merges nothing; merging the same guest cart again (a retry) adds nothing twice.
     */
    public Uni<CartView> merge(String userId, CartToken token) {
        CartOwner owner = new CartOwner.Customer(userId);
        String guestId = token.owner().cartId();
        return current(token.owner()).flatMap(found -> {
            if (found.isEmpty()) {
                return view(new CartCaller.Customer(userId));
            }
            Cart guest = found.get();
            return ensureExists(owner)
                    .flatMap(created -> change(owner, guest.productIds(),
                            (cart, products) -> cart.merge(guest, products, Instant.now()), 1))
                    .call(view -> repository.deleteById(guestId)
                            .invoke(deleted -> Log.debugf("Guest cart merged into the cart of user %s", userId)));
        });
    }

    // ---- on behalf of the owner

    /** The customer's cart priced now, for checkout: nothing is recorded, notices stay for the customer. */
    public Uni<CartView> forCheckout(String userId) {
        return current(new CartOwner.Customer(userId)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(CartView.empty(currency));
            }
            Cart cart = found.get();
            return catalogue.lookup(cart.productIds())
                    .map(products -> cart.preview(products, Instant.now(), currency));
        });
    }

    /**
     * The units an order bought leave the customer's cart, once per order; lines added after {@code cartAsOf} (see
     * {@link Cart#trimPurchased}) stay.
     */
    public Uni<Void> trimPurchased(String userId, String orderId, List<PurchasedLine> purchased, Instant cartAsOf) {
        String cartId = new CartOwner.Customer(userId).cartId();
        return carts.find(cartId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return carts.modify(cartId, cart -> cart.trimPurchased(orderId, purchased, cartAsOf, Instant.now()))
                    .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                    .replaceWithVoid();
        });
    }

    /** Puts a product in the customer's cart unless it is there (moving it from the wishlist). */
    Uni<CartView> ensureLine(String userId, CatalogueProduct product) {
        CartOwner owner = new CartOwner.Customer(userId);
        return ensureExists(owner).flatMap(created -> change(owner, Set.of(product.id()),
                (cart, products) -> cart.ensure(products.find(product.id()).orElse(product), Instant.now()), 1));
    }

    // ---- internals

    /**
     * Runs {@code command} on the stored cart with the products of its lines (and {@code alsoNeeded}) looked up,
     * then prices the result for the owner, in one write. If the cart gained a line meanwhile whose product was not
     * looked up, it starts over with a fresh lookup.
     */
    private Uni<CartView> change(CartOwner owner, Set<String> alsoNeeded,
            BiFunction<Cart, Products, List<Object>> command, int attempt) {
        return carts.load(owner.cartId()).flatMap(before -> {
            Set<String> ids = new LinkedHashSet<>(before.productIds());
            ids.addAll(alsoNeeded);
            return catalogue.lookup(ids);
        }).flatMap(products -> {
            AtomicReference<CartView> shown = new AtomicReference<>();
            return carts.modify(owner.cartId(), cart -> {
                if (!products.covers(cart.productIds())) {
                    throw new LinesChanged();
                }
                List<Object> events = command.apply(cart, products);
                shown.set(cart.review(products, Instant.now(), currency));
                return events;
            }).map(stored -> shown.get());
        }).onFailure(LinesChanged.class).recoverWithUni(e -> attempt < LOOKUP_ATTEMPTS
                ? change(owner, alsoNeeded, command, attempt + 1)
                : Uni.createFrom().failure(new StaleVersionException("The cart kept changing; read it again")));
    }

    /**
     * A new guest cart holding the first product, written once and only if the add is allowed: a refused add leaves
     * no cart behind, and no token is issued.
     */
    private Uni<Outcome> startGuestCart(CatalogueProduct product, int quantity) {
        CartToken token = CartToken.issue();
        return catalogue.lookup(Set.of(product.id())).flatMap(products -> {
            Instant now = Instant.now();
            Cart cart = Cart.open(token.owner(), now);
            cart.add(products.find(product.id()).orElse(product), quantity, now);
            CartView view = cart.review(products, now, currency);
            return carts.insert(cart, List.of()).replaceWith(new Outcome(view, Optional.of(token)));
        });
    }

    private Uni<Boolean> ensureExists(CartOwner owner) {
        return carts.find(owner.cartId()).flatMap(found -> found.isPresent() ? Uni.createFrom().item(false)
                : carts.insert(Cart.open(owner, Instant.now()), List.of()).replaceWith(true)
                        // Someone else created it first: theirs is the cart.
                        .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(false));
    }

    /** The owner's cart unless it is missing or an expired guest cart (which is deleted on the way). */
    private Uni<Optional<Cart>> current(CartOwner owner) {
        return carts.find(owner.cartId()).flatMap(found -> {
            if (found.isPresent() && found.get().expired(Instant.now())) {
                return repository.deleteById(owner.cartId()).replaceWith(Optional.<Cart> empty());
            }
            return Uni.createFrom().item(found);
        });
    }

    /** The owner of an existing cart; only adding may start one. */
    private static CartOwner existingOwner(CartCaller caller) {
        if (caller instanceof CartCaller.Customer customer) {
            return new CartOwner.Customer(customer.userId());
        }
        if (caller instanceof CartCaller.Guest guest) {
            return guest.token().owner();
        }
        throw ProblemException.unauthorized("Sign in, or send the " + CartToken.HEADER + " of your guest cart");
    }

    /** The cart gained a line whose product the running change did not look up. */
    private static final class LinesChanged extends RuntimeException {
        LinesChanged() {
            super(null, null, false, false);
        }
    }
}
