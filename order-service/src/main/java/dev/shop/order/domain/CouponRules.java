package dev.shop.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * What a coupon takes off and when it applies. Checked as a whole when made: every broken rule is named (400).
 *
 * @param kind {@code PERCENT} (value 1–100 % of the lines it applies to) or {@code AMOUNT} (value in minor units)
 * @param value the percentage or the amount
 * @param currency the currency of {@code value} (for AMOUNT), {@code maxDiscount} and {@code minSubtotal}; orders in
 *        another currency are not discounted
 * @param maxDiscount the most a PERCENT coupon takes off one order (minor units), or null for no cap
 * @param minSubtotal the order's subtotal (minor units, before discounts) it needs at least; 0 for none
 * @param validFrom from when it applies, or null for at once
 * @param validTo until when (exclusive), or null for no end
 * @param maxUses how many orders may use it in all, or null for no limit
 * @param maxUsesPerCustomer how many orders of one customer may use it, or null for no limit
 * @param productIds the products it applies to; empty with empty {@code categoryIds}: every product
 * @param categoryIds the categories it applies to (a line qualifies by its product or its category)
 */
public record CouponRules(CouponKind kind, long value, String currency, Long maxDiscount, long minSubtotal,
        Instant validFrom, Instant validTo, Integer maxUses, Integer maxUsesPerCustomer, Set<String> productIds,
        Set<String> categoryIds) {

    /** Products and categories one coupon may name. */
    public static final int MAX_SCOPE = 100;

    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public CouponRules {
        productIds = productIds == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(productIds));
        categoryIds = categoryIds == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(categoryIds));
        List<Problem.Violation> broken = new ArrayList<>();
        if (kind == null) {
            broken.add(new Problem.Violation("kind", "must be PERCENT or AMOUNT"));
        } else if (kind == CouponKind.PERCENT && (value < 1 || value > 100)) {
            broken.add(new Problem.Violation("value", "a percentage between 1 and 100"));
        } else if (kind == CouponKind.AMOUNT && value < 1) {
            broken.add(new Problem.Violation("value", "an amount of at least 1 (minor units)"));
        }
        if (kind == CouponKind.AMOUNT && maxDiscount != null) {
            broken.add(new Problem.Violation("maxDiscount", "only caps PERCENT coupons"));
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            broken.add(new Problem.Violation("currency", "an ISO 4217 code such as INR"));
        }
        if (maxDiscount != null && maxDiscount < 1) {
            broken.add(new Problem.Violation("maxDiscount", "at least 1 (minor units), or absent for no cap"));
        }
        if (minSubtotal < 0) {
            broken.add(new Problem.Violation("minSubtotal", "must not be negative"));
        }
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            broken.add(new Problem.Violation("validTo", "must be after validFrom"));
        }
        if (maxUses != null && maxUses < 1) {
            broken.add(new Problem.Violation("maxUses", "at least 1, or absent for no limit"));
        }
        if (maxUsesPerCustomer != null && maxUsesPerCustomer < 1) {
            broken.add(new Problem.Violation("maxUsesPerCustomer", "at least 1, or absent for no limit"));
        }
        if (productIds.size() > MAX_SCOPE || productIds.stream().anyMatch(p -> p == null || !ID.matcher(p).matches())) {
            broken.add(new Problem.Violation("productIds", "at most " + MAX_SCOPE + " product ids"));
        }
        if (categoryIds.size() > MAX_SCOPE
                || categoryIds.stream().anyMatch(c -> c == null || !CATEGORY.matcher(c).matches())) {
            broken.add(new Problem.Violation("categoryIds", "at most " + MAX_SCOPE + " category ids"));
        }
        if (!broken.isEmpty()) {
            throw ProblemException.invalid(broken);
        }
    }

    /** Whether the coupon applies to every product. */
    public boolean appliesToEverything() {
        return productIds.isEmpty() && categoryIds.isEmpty();
    }
}
