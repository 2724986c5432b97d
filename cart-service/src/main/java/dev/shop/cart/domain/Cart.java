package dev.shop.cart.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;

/**
 * A shopping cart: the products its owner means to buy, with the rules every change must keep (1 to
 * {@value #MAX_QUANTITY} units per product, at most {@value #MAX_LINES} products, never more than the stock the
 * catalogue announced, only products on sale). Prices are never stored as the truth: {@link #review} prices the cart
 * from the catalogue read model at the moment it is read, and tells the owner once what changed since they last
 * looked (a new price, a product gone, stock that shrank below the quantity).
 * <p>
 * Commands return the events they produced, as every aggregate does; a cart announces nothing, so they are empty.
 */
public final class Cart {

    public static final int MAX_QUANTITY = 99;
    public static final int MAX_LINES = 100;
    /** A guest cart nobody used for this long is gone. */
    public static final Duration GUEST_IDLE_EXPIRY = Duration.ofDays(30);
    /** How many applied order ids and merged guest carts a cart remembers (redeliveries come much sooner). */
    static final int REMEMBERED = 50;
    /** Reading a guest cart counts as activity, recorded at most this often so reads stay reads. */
    static final Duration ACTIVITY_STEP = Duration.ofDays(1);

    private final String id;
    private final CartOwner owner;
    private final long version;
    private final Instant createdAt;
    private final List<CartLine> lines;
    private final List<String> appliedOrders;
    private final List<String> mergedCarts;
    private Instant updatedAt;
    private Instant lastActiveAt;

    public Cart(CartOwner owner, List<CartLine> lines, Instant createdAt, Instant updatedAt, Instant lastActiveAt,
            List<String> appliedOrders, List<String> mergedCarts, long version) {
        this.id = owner.cartId();
        this.owner = owner;
        this.lines = new ArrayList<>(lines);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.lastActiveAt = lastActiveAt;
        this.appliedOrders = new ArrayList<>(appliedOrders);
        this.mergedCarts = new ArrayList<>(mergedCarts);
        this.version = version;
    }

    public static Cart open(CartOwner owner, Instant now) {
        return new Cart(owner, List.of(), now, now, now, List.of(), List.of(), 0);
    }

    // ---- commands

    /**
     * Adds {@code quantity} units to the product's line (creating it).
     *
     * @throws ProblemException 400 for a quantity outside 1..99; 422 when the product is not sold, the line would
     *         exceed {@value #MAX_QUANTITY} units or the stock, or the cart already holds {@value #MAX_LINES} products
     */
    public List<Object> add(CatalogueProduct product, int quantity, Instant now) {
        requireQuantity(quantity, 1);
        requireSold(product);
        Optional<CartLine> existing = line(product.id());
        if (existing.isEmpty() && lines.size() >= MAX_LINES) {
            throw CartProblems.lineLimit();
        }
        int current = existing.map(CartLine::quantity).orElse(0);
        int target = current + quantity;
        if (target > MAX_QUANTITY) {
            throw CartProblems.quantityLimit(product.id(), current, quantity);
        }
        requireStock(product, target);
        if (existing.isPresent()) {
            replace(existing.get().withQuantity(target));
        } else {
            lines.add(CartLine.of(product.id(), target, now));
        }
        changed(now);
        return List.of();
    }

    /**
     * Puts the product in the cart with one unit unless it is there already (moving it from the wishlist twice adds
     * nothing the second time).
     */
    public List<Object> ensure(CatalogueProduct product, Instant now) {
        if (line(product.id()).isPresent()) {
            return List.of();
        }
        return add(product, 1, now);
    }

    /**
     * Sets the line's quantity; 0 removes it.
     *
     * @param product the line's product; needed (and checked) only when the quantity is above 0
     * @throws ProblemException 404 when the product is not in the cart; 400 for a quantity outside 0..99; 422 when
     *         the product is no longer sold or has fewer units in stock
     */
    public List<Object> setQuantity(String productId, int quantity, Optional<CatalogueProduct> product, Instant now) {
        CartLine line = line(productId).orElseThrow(() -> CartProblems.notInCart(productId));
        requireQuantity(quantity, 0);
        if (quantity == 0) {
            return remove(productId, now);
        }
        // The line exists, so the product was sold once: gone or withdrawn, it is unavailable rather than unknown.
        CatalogueProduct p = product.filter(CatalogueProduct::sold)
                .orElseThrow(() -> CartProblems.unavailable(product.map(x -> x.id() + " (" + x.name() + ")")
                        .orElse(productId)));
        if (quantity == line.quantity()) {
            return List.of();
        }
        requireStock(p, quantity);
        replace(line.withQuantity(quantity));
        changed(now);
        return List.of();
    }

    /** @throws ProblemException 404 when the product is not in the cart */
    public List<Object> remove(String productId, Instant now) {
        CartLine line = line(productId).orElseThrow(() -> CartProblems.notInCart(productId));
        lines.remove(line);
        changed(now);
        return List.of();
    }

    public List<Object> clear(Instant now) {
        if (lines.isEmpty()) {
            return List.of();
        }
        lines.clear();
        changed(now);
        return List.of();
    }

    /**
     * Takes over the lines of a guest cart after its owner signed in: quantities of the same product are added up,
     * then limited to {@value #MAX_QUANTITY} and to the stock (with a notice on the line); products the catalogue
     * does not know are dropped, and so are lines beyond {@value #MAX_LINES}. A guest cart is merged once: merging it
     * again (a retried request) changes nothing.
     *
     * @param products the products of both carts' lines
     */
    public List<Object> merge(Cart guest, Products products, Instant now) {
        if (guest.id.equals(id) || mergedCarts.contains(guest.id)) {
            return List.of();
        }
        for (CartLine incoming : guest.lines) {
            Optional<CatalogueProduct> product = products.find(incoming.productId());
            if (product.isEmpty() || product.get().deleted()) {
                continue;
            }
            Optional<CartLine> existing = line(incoming.productId());
            if (existing.isEmpty() && lines.size() >= MAX_LINES) {
                continue;
            }
            int sum = existing.map(CartLine::quantity).orElse(0) + incoming.quantity();
            int target = Math.min(sum, MAX_QUANTITY);
            String notice = sum > MAX_QUANTITY ? Notices.quantityLimited(sum) : null;
            int stock = product.get().stock();
            if (product.get().sold() && stock > 0 && target > stock) {
                notice = Notices.stockCapped(stock, sum);
                target = stock;
            }
            if (existing.isPresent()) {
                replace(existing.get().withQuantity(target).withNotice(notice));
            } else {
                CartLine moved = new CartLine(incoming.productId(), target, incoming.addedAt(), incoming.seenPrice(),
                        incoming.seenAvailable(), incoming.notice());
                lines.add(moved.withNotice(notice));
            }
        }
        remember(mergedCarts, guest.id);
        changed(now);
        return List.of();
    }

    /**
     * The units an order bought leave the cart (a line that had no more is removed). Applied once per order: the
     * order id is remembered, so a redelivered confirmation changes nothing. A line added to the cart after the order
     * was placed from it ({@code cartAsOf}, the cart's {@code updatedAt} the order read) is not the order's: a
     * customer who puts the product in again right after buying it keeps it.
     *
     * @param cartAsOf when the cart the order was placed from had last changed; null when not known (every line of
     *        the product is trimmed)
     */
    public List<Object> trimPurchased(String orderId, List<PurchasedLine> purchased, Instant cartAsOf, Instant now) {
        if (appliedOrders.contains(orderId)) {
            return List.of();
        }
        boolean trimmed = false;
        for (PurchasedLine bought : purchased) {
            Optional<CartLine> line = line(bought.productId());
            if (line.isEmpty() || bought.quantity() <= 0 || addedAfter(line.get(), cartAsOf)) {
                continue;
            }
            int left = line.get().quantity() - bought.quantity();
            if (left > 0) {
                replace(line.get().withQuantity(left));
            } else {
                lines.remove(line.get());
            }
            trimmed = true;
        }
        remember(appliedOrders, orderId);
        if (trimmed) {
            updatedAt = now;
        }
        return List.of();
    }

    private static boolean addedAfter(CartLine line, Instant cartAsOf) {
        return cartAsOf != null && line.addedAt() != null && line.addedAt().isAfter(cartAsOf);
    }

    // ---- pricing

    /**
     * Prices the cart for its owner and records what they were shown: notices are shown this once, a quantity above
     * the stock is reduced to it, and a guest cart's activity is noted.
     */
    public CartView review(Products products, Instant now, String currency) {
        Pricing pricing = price(products, now, currency);
        boolean quantitiesChanged = false;
        for (int i = 0; i < lines.size(); i++) {
            CartLine before = lines.get(i);
            CartLine after = pricing.acknowledged.get(i);
            quantitiesChanged |= before.quantity() != after.quantity();
            lines.set(i, after);
        }
        if (quantitiesChanged) {
            updatedAt = now;
        }
        touch(now);
        return pricing.view(updatedAt);
    }

    /** Prices the cart without recording anything (reads on the owner's behalf, e.g. checkout). */
    public CartView preview(Products products, Instant now, String currency) {
        return price(products, now, currency).view(updatedAt);
    }

    /** Whether {@link #review} would record something (so a plain read can skip the write). */
    public boolean reviewWouldChange(Products products, Instant now, String currency) {
        return !price(products, now, currency).acknowledged.equals(lines) || activityDue(now);
    }

    // ---- queries

    public String id() {
        return id;
    }

    public CartOwner owner() {
        return owner;
    }

    public long version() {
        return version;
    }

    public List<CartLine> lines() {
        return List.copyOf(lines);
    }

    public Optional<CartLine> line(String productId) {
        return lines.stream().filter(l -> l.productId().equals(productId)).findFirst();
    }

    public Set<String> productIds() {
        Set<String> ids = new LinkedHashSet<>();
        lines.forEach(l -> ids.add(l.productId()));
        return ids;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant lastActiveAt() {
        return lastActiveAt;
    }

    /** When a guest cart expires if nobody uses it; customers' carts do not expire. */
    public Optional<Instant> expiresAt() {
        return owner instanceof CartOwner.Guest ? Optional.of(lastActiveAt.plus(GUEST_IDLE_EXPIRY)) : Optional.empty();
    }

    public boolean expired(Instant now) {
        return expiresAt().map(at -> !now.isBefore(at)).orElse(false);
    }

    public List<String> appliedOrders() {
        return List.copyOf(appliedOrders);
    }

    public List<String> mergedCarts() {
        return List.copyOf(mergedCarts);
    }

    // ---- internals

    private record Pricing(List<PricedLine> priced, List<CartLine> acknowledged, Money subtotal, Money total,
            int itemCount) {

        CartView view(Instant updatedAt) {
            return new CartView(priced, subtotal, subtotal.minus(total), total, itemCount, updatedAt);
        }
    }

    private Pricing price(Products products, Instant now, String currency) {
        Money zero = new Money(0, currency);
        Money subtotal = zero;
        Money total = zero;
        int items = 0;
        List<PricedLine> priced = new ArrayList<>();
        List<CartLine> acknowledged = new ArrayList<>();
        for (CartLine line : lines) {
            CatalogueProduct product = products.find(line.productId()).orElse(null);
            Optional<CatalogueProduct.Unavailability> unavailable = unavailability(product, currency);
            Money unit = product == null || product.price() == null ? line.seenPrice() : product.effectivePrice(now);
            Money list = product == null || product.price() == null ? line.seenPrice() : product.price();
            String notice = line.notice();
            int quantity = line.quantity();
            if (unavailable.isPresent()) {
                notice = Notices.join(notice, unavailable.get().notice());
                priced.add(new PricedLine(line.productId(), product == null ? null : product.name(),
                        product == null ? null : product.imageUrl(), unit, list, quantity, zero, false, notice));
                acknowledged.add(line.shown(line.seenPrice(), false));
                continue;
            }
            if (!line.seenAvailable()) {
                notice = Notices.join(notice, Notices.AVAILABLE_AGAIN);
            }
            if (line.seenPrice() != null && !line.seenPrice().equals(unit)) {
                notice = Notices.join(notice, Notices.priceChanged(line.seenPrice(), unit));
            }
            if (product.stock() < quantity) {
                notice = Notices.join(notice, Notices.stockCapped(product.stock(), quantity));
                quantity = product.stock();
            }
            Money lineTotal = unit.times(quantity);
            subtotal = subtotal.plus(list.times(quantity));
            total = total.plus(lineTotal);
            items += quantity;
            priced.add(new PricedLine(line.productId(), product.name(), product.imageUrl(), unit, list, quantity,
                    lineTotal, true, notice));
            acknowledged.add(line.withQuantity(quantity).shown(unit, true));
        }
        return new Pricing(priced, acknowledged, subtotal, total, items);
    }

    private static Optional<CatalogueProduct.Unavailability> unavailability(CatalogueProduct product,
            String currency) {
        if (product == null) {
            return Optional.of(CatalogueProduct.Unavailability.NOT_SOLD);
        }
        Optional<CatalogueProduct.Unavailability> reason = product.unavailability();
        if (reason.isEmpty() && !currency.equals(product.price().currency())) {
            // Not priceable in the cart's currency: never add up amounts of two currencies.
            return Optional.of(CatalogueProduct.Unavailability.NOT_SOLD);
        }
        return reason;
    }

    private void touch(Instant now) {
        if (activityDue(now)) {
            lastActiveAt = now;
        }
    }

    private boolean activityDue(Instant now) {
        return owner instanceof CartOwner.Guest && lastActiveAt.plus(ACTIVITY_STEP).isBefore(now);
    }

    private void changed(Instant now) {
        updatedAt = now;
        lastActiveAt = now;
    }

    private void replace(CartLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).productId().equals(line.productId())) {
                lines.set(i, line);
                return;
            }
        }
        throw new IllegalStateException("no line for " + line.productId());
    }

    private static void remember(List<String> ids, String id) {
        ids.add(id);
        while (ids.size() > REMEMBERED) {
            ids.remove(0);
        }
    }

    private static void requireQuantity(int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw ProblemException.invalid("quantity", "must be between " + min + " and " + MAX_QUANTITY);
        }
    }

    private static void requireSold(CatalogueProduct product) {
        if (product.deleted()) {
            throw CartProblems.unknownProduct(product.id());
        }
        if (!product.sold()) {
            throw CartProblems.unavailable(product);
        }
    }

    private static void requireStock(CatalogueProduct product, int quantity) {
        if (quantity > product.stock()) {
            throw CartProblems.insufficientStock(product, Math.max(0, product.stock()), quantity);
        }
    }
}
