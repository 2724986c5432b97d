package dev.shop.cart.persistence;

import java.util.List;

import dev.shop.cart.domain.Cart;
import dev.shop.cart.domain.CartLine;
import dev.shop.cart.domain.CartOwner;
import dev.shop.contracts.common.Money;
import dev.shop.kit.aggregate.AggregateMapper;

/** Carts to documents and back. */
public final class CartMapper implements AggregateMapper<Cart, CartDocument> {

    @Override
    public Cart toDomain(CartDocument d) {
        CartOwner owner = d.userId != null ? new CartOwner.Customer(d.userId) : new CartOwner.Guest(d.guestTokenHash);
        List<CartLine> lines = d.lines == null ? List.of()
                : d.lines.stream().map(CartMapper::line).toList();
        return new Cart(owner, lines, d.createdAt, d.updatedAt, d.lastActiveAt,
                d.appliedOrders == null ? List.of() : d.appliedOrders,
                d.mergedCarts == null ? List.of() : d.mergedCarts, d.version);
    }

    @Override
    public CartDocument toDocument(Cart cart) {
        CartDocument d = new CartDocument();
        d.id = cart.id();
        if (cart.owner() instanceof CartOwner.Customer customer) {
            d.userId = customer.userId();
        } else if (cart.owner() instanceof CartOwner.Guest guest) {
            d.guestTokenHash = guest.tokenHash();
        }
        d.lines = cart.lines().stream().map(CartMapper::line).toList();
        d.createdAt = cart.createdAt();
        d.updatedAt = cart.updatedAt();
        d.lastActiveAt = cart.lastActiveAt();
        d.expiresAt = cart.expiresAt().orElse(null);
        d.appliedOrders = cart.appliedOrders();
        d.mergedCarts = cart.mergedCarts();
        d.version = cart.version();
        return d;
    }

    private static CartLine line(CartDocument.LineDocument d) {
        Money seen = d.seenPrice == null || d.seenCurrency == null ? null : new Money(d.seenPrice, d.seenCurrency);
        return new CartLine(d.productId, d.quantity, d.addedAt, seen, d.seenAvailable, d.notice);
    }

    private static CartDocument.LineDocument line(CartLine l) {
        CartDocument.LineDocument d = new CartDocument.LineDocument();
        d.productId = l.productId();
        d.quantity = l.quantity();
        d.addedAt = l.addedAt();
        if (l.seenPrice() != null) {
            d.seenPrice = l.seenPrice().amount();
            d.seenCurrency = l.seenPrice().currency();
        }
        d.seenAvailable = l.seenAvailable();
        d.notice = l.notice();
        return d;
    }
}
