package dev.shop.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;

/**
 * Turns the customer's cart and the catalogue's quote into order lines. Prices come from the quote only (the cart's
 * prices are what the customer saw, and only serve to report a price that moved); a line the catalogue cannot sell
 * refuses the checkout, named with its reason.
 */
public final class CheckoutPricing {

    /** Units of one product per order, as the catalogue accepts them. */
    public static final int MAX_QUANTITY = 10_000;
    /** Lines per order, as the catalogue's quote accepts them. */
    public static final int MAX_LINES = 100;

    private static final Pattern PRODUCT_ID = Pattern.compile("[0-9a-f]{24}");

    /**
     * A line of the cart.
     *
     * @param cartPrice the unit price the cart showed, absent when it had none
     */
    public record CartItem(String productId, int quantity, Money cartPrice) {
    }

    /**
     * The catalogue's answer for one line.
     *
     * @param reason null when the line can be bought; otherwise the catalogue's reason (OUT_OF_STOCK, ...)
     * @param unitPrice effective unit price now; absent when the product cannot be priced
     */
    public record QuotedItem(String productId, boolean available, int availableQuantity, String reason, String sku,
            String name, String image, Money unitPrice) {
    }

    /**
     * The lines of the new order and the prices that moved since the cart was read.
     *
     * @param cartAsOf the cart's {@code updatedAt} as read (cart-service's clock), absent when it did not say
     */
    public record Priced(List<OrderLine> lines, List<PriceChange> priceChanges, Instant cartAsOf) {

        public Priced(List<OrderLine> lines, List<PriceChange> priceChanges) {
            this(lines, priceChanges, null);
        }

        /** The same prices, for the cart as it was at {@code asOf}. */
        public Priced asOf(Instant asOf) {
            return new Priced(lines, priceChanges, asOf);
        }
    }

    private CheckoutPricing() {
    }

    /**
     * The cart's lines to quote: one per product (quantities added up), in the cart's order.
     *
     * @throws CheckoutRefused an empty cart; lines that cannot be ordered whatever the catalogue says
     */
    public static List<CartItem> linesToQuote(List<CartItem> cart) {
        if (cart == null || cart.isEmpty()) {
            throw CheckoutRefused.emptyCart();
        }
        Map<String, CartItem> merged = new LinkedHashMap<>();
        List<Problem.Violation> refused = new ArrayList<>();
        for (CartItem item : cart) {
            if (item.productId() == null || !PRODUCT_ID.matcher(item.productId()).matches()) {
                refused.add(violation(String.valueOf(item.productId()), null, "NOT_FOUND", 0));
                continue;
            }
            merged.merge(item.productId(), item, (a, b) -> new CartItem(a.productId(),
                    (int) Math.min((long) a.quantity() + b.quantity(), Integer.MAX_VALUE), a.cartPrice()));
        }
        for (CartItem item : merged.values()) {
            if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                refused.add(violation(item.productId(), null, "INVALID_QUANTITY", 0));
            }
        }
        if (merged.size() > MAX_LINES) {
            refused.add(new Problem.Violation("items", "an order holds at most " + MAX_LINES + " different products"));
        }
        if (!refused.isEmpty()) {
            throw CheckoutRefused.unavailable(refused);
        }
        return List.copyOf(merged.values());
    }

    /**
     * Prices {@code cart} (as returned by {@link #linesToQuote}) at the quote.
     *
     * @throws CheckoutRefused naming every line the catalogue cannot sell
     */
    public static Priced price(List<CartItem> cart, List<QuotedItem> quote) {
        Map<String, QuotedItem> byId = new LinkedHashMap<>();
        for (QuotedItem q : quote) {
            byId.putIfAbsent(q.productId(), q);
        }
        List<OrderLine> lines = new ArrayList<>();
        List<PriceChange> changes = new ArrayList<>();
        List<Problem.Violation> refused = new ArrayList<>();
        String currency = null;
        for (CartItem item : cart) {
            QuotedItem q = byId.get(item.productId());
            if (q == null) {
                refused.add(violation(item.productId(), null, "NOT_FOUND", 0));
                continue;
            }
            if (!q.available() || q.unitPrice() == null) {
                refused.add(violation(item.productId(), q.name(), q.reason() == null ? "NOT_AVAILABLE" : q.reason(),
                        q.availableQuantity()));
                continue;
            }
            if (currency != null && !currency.equals(q.unitPrice().currency())) {
                refused.add(new Problem.Violation("items[" + item.productId() + "]",
                        display(item.productId(), q.name()) + ": priced in another currency"));
                continue;
            }
            currency = q.unitPrice().currency();
            lines.add(OrderLine.of(item.productId(), q.sku(), q.name(), q.image(), q.unitPrice(), item.quantity()));
            if (item.cartPrice() != null && !item.cartPrice().equals(q.unitPrice())) {
                changes.add(new PriceChange(item.productId(), q.name(), item.cartPrice(), q.unitPrice()));
            }
        }
        if (!refused.isEmpty()) {
            throw CheckoutRefused.unavailable(refused);
        }
        return new Priced(List.copyOf(lines), List.copyOf(changes));
    }

    private static Problem.Violation violation(String productId, String name, String reason, int available) {
        String why = switch (reason) {
            case "OUT_OF_STOCK" -> "out of stock";
            case "INSUFFICIENT_STOCK" -> "only " + available + " left";
            case "NOT_AVAILABLE" -> "not for sale any more";
            case "NOT_FOUND" -> "no longer in the catalogue";
            case "INVALID_QUANTITY" -> "quantity must be between 1 and " + MAX_QUANTITY;
            default -> "cannot be ordered";
        };
        return new Problem.Violation("items[" + productId + "]", display(productId, name) + ": " + why + " (" + reason
                + ")");
    }

    private static String display(String productId, String name) {
        return name == null || name.isBlank() ? "product " + productId : name;
    }
}
