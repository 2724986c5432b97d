package dev.shop.cart.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.shop.cart.domain.Cart;
import dev.shop.cart.domain.CartView;
import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.PricedLine;
import dev.shop.cart.domain.WishlistView;
import dev.shop.contracts.common.Money;

/** Request and response bodies of the cart and wishlist APIs. Prices in requests do not exist: the server prices. */
public final class CartDtos {

    static final String PRODUCT_ID = CatalogueProduct.ID_FORMAT;
    static final String PRODUCT_ID_MESSAGE = "must be a product id";

    private CartDtos() {
    }

    /** {@code POST /cart/items}: units to add to the product's line. */
    public record AddItemRequest(
            @NotBlank @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
            @NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    /** {@code PATCH /cart/items/{productId}}: the line's new quantity; 0 removes it. */
    public record QuantityRequest(@NotNull @Min(0) @Max(Cart.MAX_QUANTITY) Integer quantity) {
    }

    /** {@code POST /cart/merge}: the token of the guest cart to take over. */
    public record MergeRequest(@NotBlank String cartToken) {
    }

    /** {@code POST /wishlist}. */
    public record WishlistAddRequest(
            @NotBlank @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId) {
    }

    public record CartItem(String productId, String name, String image, Money unitPrice, int quantity,
            Money lineTotal, boolean available, String notice) {

        static CartItem of(PricedLine l) {
            return new CartItem(l.productId(), l.name(), l.image(), l.unitPrice(), l.quantity(), l.lineTotal(),
                    l.available(), l.notice());
        }
    }

    public record CartResponse(List<CartItem> items, Money subtotal, Money discountTotal, Money total, int itemCount,
            Instant updatedAt) {

        static CartResponse of(CartView v) {
            return new CartResponse(v.lines().stream().map(CartItem::of).toList(), v.subtotal(), v.discountTotal(),
                    v.total(), v.itemCount(), v.updatedAt());
        }
    }

    /** The checkout read for order-service (see the README): no notices, nothing recorded. */
    public record CheckoutItem(String productId, int quantity, Money unitPrice, boolean available) {
    }

    public record CheckoutCart(String userId, List<CheckoutItem> items, Instant updatedAt) {

        static CheckoutCart of(String userId, CartView v) {
            return new CheckoutCart(userId, v.lines().stream()
                    .map(l -> new CheckoutItem(l.productId(), l.quantity(), l.unitPrice(), l.available())).toList(),
                    v.updatedAt());
        }
    }

    public record WishlistItem(String productId, String name, String image, Money price, Money listPrice,
            boolean onSale, boolean available, String notice, Instant addedAt) {

        static WishlistItem of(WishlistView.Entry e) {
            return new WishlistItem(e.productId(), e.name(), e.image(), e.price(), e.listPrice(), e.onSale(),
                    e.available(), e.notice(), e.addedAt());
        }
    }

    public record WishlistResponse(List<WishlistItem> items, int itemCount, Instant updatedAt) {

        static WishlistResponse of(WishlistView v) {
            return new WishlistResponse(v.items().stream().map(WishlistItem::of).toList(), v.items().size(),
                    v.updatedAt());
        }
    }
}
