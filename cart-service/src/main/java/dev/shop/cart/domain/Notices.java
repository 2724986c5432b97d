package dev.shop.cart.domain;

import dev.shop.contracts.common.Money;

/** The texts of line notices. One line may carry several at once; they are joined into one sentence list. */
final class Notices {

    static final String AVAILABLE_AGAIN = "This product is available again";

    private Notices() {
    }

    static String priceChanged(Money from, Money to) {
        return "Price changed from " + MoneyText.format(from) + " to " + MoneyText.format(to);
    }

    static String stockCapped(int stock, int from) {
        return "Only " + stock + " left in stock: quantity reduced from " + from + " to " + stock;
    }

    static String quantityLimited(int from) {
        return "At most " + Cart.MAX_QUANTITY + " units of a product fit in a cart: quantity reduced from " + from
                + " to " + Cart.MAX_QUANTITY;
    }

    static String join(String first, String second) {
        if (first == null || first.isEmpty()) {
            return second;
        }
        if (second == null || second.isEmpty()) {
            return first;
        }
        return first + "; " + second;
    }
}
