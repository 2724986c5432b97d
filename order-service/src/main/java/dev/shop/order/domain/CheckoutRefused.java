package dev.shop.order.domain;

import java.util.List;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * The business rules that refuse a checkout (422), each with a problem type of its own so clients can tell them apart
 * (a coupon's refusals are {@link CouponRefused}).
 */
public final class CheckoutRefused extends ProblemException {

    public static final String CART_EMPTY = "/problems/cart-empty";
    public static final String ITEMS_UNAVAILABLE = "/problems/items-unavailable";
    public static final String IDEMPOTENCY_KEY_REUSED = "/problems/idempotency-key-reused";

    private CheckoutRefused(String type, String title, String detail, List<Problem.Violation> violations) {
        super(422, type, title, detail, violations, null);
    }

    public static CheckoutRefused emptyCart() {
        return new CheckoutRefused(CART_EMPTY, "The cart is empty", "Add products to the cart before ordering",
                List.of());
    }

    /** Names every line that cannot be ordered: {@code items[<productId>]} with the reason. */
    public static CheckoutRefused unavailable(List<Problem.Violation> lines) {
        String detail = lines.size() == 1 ? "One item cannot be ordered: " + lines.get(0).message()
                : lines.size() + " items cannot be ordered: "
                        + String.join("; ", lines.stream().map(Problem.Violation::message).toList());
        return new CheckoutRefused(ITEMS_UNAVAILABLE, "Some items cannot be ordered", detail, lines);
    }

    public static CheckoutRefused keyReused() {
        return new CheckoutRefused(IDEMPOTENCY_KEY_REUSED, "Idempotency key already used",
                "This Idempotency-Key was already used for a different order request; use a new key for a new order",
                List.of());
    }
}
