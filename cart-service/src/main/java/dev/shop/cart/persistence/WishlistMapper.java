package dev.shop.cart.persistence;

import java.util.List;

import dev.shop.cart.domain.Wishlist;
import dev.shop.cart.domain.WishlistItem;
import dev.shop.kit.aggregate.AggregateMapper;

/** Wishlists to documents and back. */
public final class WishlistMapper implements AggregateMapper<Wishlist, WishlistDocument> {

    @Override
    public Wishlist toDomain(WishlistDocument d) {
        List<WishlistItem> items = d.items == null ? List.of()
                : d.items.stream().map(i -> new WishlistItem(i.productId, i.addedAt)).toList();
        return new Wishlist(d.id, items, d.createdAt, d.updatedAt, d.version);
    }

    @Override
    public WishlistDocument toDocument(Wishlist w) {
        WishlistDocument d = new WishlistDocument();
        d.id = w.userId();
        d.items = w.items().stream().map(i -> {
            WishlistDocument.ItemDocument item = new WishlistDocument.ItemDocument();
            item.productId = i.productId();
            item.addedAt = i.addedAt();
            return item;
        }).toList();
        d.createdAt = w.createdAt();
        d.updatedAt = w.updatedAt();
        d.version = w.version();
        return d;
    }
}
