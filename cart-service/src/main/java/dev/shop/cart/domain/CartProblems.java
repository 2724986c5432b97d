package dev.shop.cart.domain;

import dev.shop.kit.problem.ProblemException;

/** The problems the cart and the wishlist answer with when a request breaks one of their rules. */
public final class CartProblems {

    /** 422: the product exists but is not sold (draft, archived). */
    public static final String PRODUCT_UNAVAILABLE = "/problems/product-unavailable";
    /** 422: fewer units in stock than asked for; the detail names how many are available. */
    public static final String INSUFFICIENT_STOCK = "/problems/insufficient-stock";
    /** 422: a per-line, per-cart or per-wishlist limit. */
    public static final String LIMIT_REACHED = "/problems/cart-limit";

    private CartProblems() {
    }

    public static ProblemException unknownProduct(String productId) {
        return ProblemException.notFound("No product " + productId);
    }

    public static ProblemException notInCart(String productId) {
        return ProblemException.notFound("Product " + productId + " is not in the cart");
    }

    public static ProblemException notInWishlist(String productId) {
        return ProblemException.notFound("Product " + productId + " is not on the wishlist");
    }

    public static ProblemException unavailable(CatalogueProduct product) {
        return unavailable(product.id() + " (" + product.name() + ")");
    }

    public static ProblemException unavailable(String product) {
        return new ProblemException(422, PRODUCT_UNAVAILABLE, "Product not available",
                "Product " + product + " is not available");
    }

    /**
     * @param available the units that can be had (the stock), as a number the client can show
     * @param requested the quantity the line would have
     */
    public static ProblemException insufficientStock(CatalogueProduct product, int available, int requested) {
        String detail = available <= 0
                ? "Product " + product.id() + " (" + product.name() + ") is out of stock; available: 0"
                : "Only " + available + " of product " + product.id() + " (" + product.name()
                        + ") are in stock, the line would hold " + requested + "; available: " + available;
        return new ProblemException(422, INSUFFICIENT_STOCK, "Not enough stock", detail);
    }

    public static ProblemException quantityLimit(String productId, int inCart, int adding) {
        return new ProblemException(422, LIMIT_REACHED, "Cart limit reached", "At most " + Cart.MAX_QUANTITY
                + " units of a product fit in a cart; it holds " + inCart + " of " + productId + ", adding "
                + adding + " would make " + (inCart + adding));
    }

    public static ProblemException lineLimit() {
        return new ProblemException(422, LIMIT_REACHED, "Cart limit reached",
                "A cart holds at most " + Cart.MAX_LINES + " different products");
    }

    public static ProblemException wishlistLimit() {
        return new ProblemException(422, LIMIT_REACHED, "Wishlist limit reached",
                "A wishlist holds at most " + Wishlist.MAX_ITEMS + " products");
    }
}
