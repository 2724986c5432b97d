package dev.shop.order.api;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.shop.contracts.common.Money;
import dev.shop.order.application.CouponCheck;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponKind;
import dev.shop.order.domain.CouponRules;
import dev.shop.order.domain.OrderLine;

/** Request and response bodies of the coupon API. Usage counters are never bound from a request. */
public final class CouponDtos {

    private CouponDtos() {
    }

    /**
     * {@code POST /coupons} and {@code PUT /coupons/{code}}: the coupon's rules. Amounts are minor units of
     * {@code currency}.
     */
    public record CouponRequest(
            @Size(max = 40) String code,
            @NotNull @Pattern(regexp = "PERCENT|AMOUNT", message = "must be PERCENT or AMOUNT") String kind,
            @NotNull Long value,
            @Size(max = 3) String currency,
            Long maxDiscount,
            @PositiveOrZero Long minSubtotal,
            Instant validFrom,
            Instant validTo,
            Integer maxUses,
            Integer maxUsesPerCustomer,
            @Size(max = CouponRules.MAX_SCOPE) List<String> productIds,
            @Size(max = CouponRules.MAX_SCOPE) List<String> categoryIds,
            @PositiveOrZero Long version) {

        CouponRules toRules(String defaultCurrency) {
            return new CouponRules(CouponKind.valueOf(kind), value, currency == null || currency.isBlank()
                    ? defaultCurrency
                    : currency.strip(), maxDiscount, minSubtotal == null ? 0 : minSubtotal,
                    validFrom, validTo, maxUses, maxUsesPerCustomer,
                    productIds == null ? null : new LinkedHashSet<>(productIds),
                    categoryIds == null ? null : new LinkedHashSet<>(categoryIds));
        }
    }

    /**
     * A coupon as admins see it.
     *
     * @param uses orders holding a use (cancelled and rejected orders give theirs back)
     * @param remainingUses uses left in all, null for no limit
     */
    public record CouponView(String code, String kind, long value, String currency, Long maxDiscount,
            long minSubtotal, Instant validFrom, Instant validTo, Integer maxUses, Integer maxUsesPerCustomer,
            List<String> productIds, List<String> categoryIds, int uses, Integer remainingUses, Instant createdAt,
            Instant updatedAt, long version) {

        static CouponView of(Coupon c) {
            CouponRules r = c.rules();
            return new CouponView(c.code(), r.kind().name(), r.value(), r.currency(), r.maxDiscount(),
                    r.minSubtotal(), r.validFrom(), r.validTo(), r.maxUses(), r.maxUsesPerCustomer(),
                    r.productIds().stream().sorted().toList(), r.categoryIds().stream().sorted().toList(), c.uses(),
                    r.maxUses() == null ? null : Math.max(0, r.maxUses() - c.uses()), c.createdAt(), c.updatedAt(),
                    c.version());
        }
    }

    /** What a coupon takes off the caller's cart now; shipping is added at checkout. */
    public record CouponCheckView(String code, Money subtotal, Money discountTotal, Money total,
            List<CheckedLineView> lines) {

        static CouponCheckView of(CouponCheck.Checked checked) {
            Money discount = checked.discounted().discountTotal();
            return new CouponCheckView(checked.code(), checked.subtotal(), discount,
                    checked.subtotal().minus(discount),
                    checked.discounted().lines().stream().map(CheckedLineView::of).toList());
        }
    }

    public record CheckedLineView(String productId, String name, int quantity, Money lineTotal, Money discount) {
        static CheckedLineView of(OrderLine l) {
            return new CheckedLineView(l.productId(), l.name(), l.quantity(), l.lineTotal(), l.discount());
        }
    }
}
