package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/** What a coupon takes off, line by line, and every reason it refuses. */
class CouponTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String P1 = "6560a1f2c3b4a59687001101";
    private static final String P2 = "6560a1f2c3b4a59687001102";
    private static final String P3 = "6560a1f2c3b4a59687001103";

    private static final List<OrderLine> LINES = List.of(
            OrderLine.of(P1, "SKU-1", "Brake pads", null, new Money(10_000, "INR"), 1),
            OrderLine.of(P2, "SKU-2", "Engine oil", null, new Money(3_333, "INR"), 3),
            OrderLine.of(P3, "SKU-3", "Wiper", null, new Money(1, "INR"), 1));

    private static CouponRules percent(long value) {
        return new CouponRules(CouponKind.PERCENT, value, "INR", null, 0, null, null, null, null, null, null);
    }

    private static Coupon coupon(CouponRules rules) {
        return Coupon.create("c1", "SAVE10", rules, NOW.minusSeconds(60));
    }

    private static long sum(List<OrderLine> lines) {
        return lines.stream().mapToLong(l -> l.discount().amount()).sum();
    }

    @Test
    void aPercentageIsTakenOffEveryLineAndTheLineDiscountsAddUpExactly() {
        Coupon.Discounted d = coupon(percent(10)).apply("u1", LINES, Map.of(), NOW);

        // 10 % of 10_000 + 9_999 + 1 = 2_000.0
        assertThat(d.discountTotal()).isEqualTo(new Money(2_000, "INR"));
        assertThat(sum(d.lines())).isEqualTo(2_000);
        assertThat(d.lines()).extracting(l -> l.discount().amount()).containsExactly(1_000L, 1_000L, 0L);
        assertThat(d.lines()).allSatisfy(l -> assertThat(l.discount().amount()).isLessThanOrEqualTo(
                l.lineTotal().amount()));
    }

    @Test
    void anAmountIsSpreadInProportionAndCappedAtWhatTheLinesCost() {
        CouponRules amount = new CouponRules(CouponKind.AMOUNT, 1_001, "INR", null, 0, null, null, null, null, null,
                null);
        Coupon.Discounted d = coupon(amount).apply("u1", LINES, Map.of(), NOW);
        assertThat(d.discountTotal().amount()).isEqualTo(1_001);
        assertThat(sum(d.lines())).isEqualTo(1_001);

        CouponRules huge = new CouponRules(CouponKind.AMOUNT, 1_000_000, "INR", null, 0, null, null, null, null,
                Set.of(P3), null);
        Coupon.Discounted capped = coupon(huge).apply("u1", LINES, Map.of(), NOW);
        assertThat(capped.discountTotal().amount()).isEqualTo(1);
        assertThat(capped.lines().get(2).discount().amount()).isEqualTo(1);
        assertThat(capped.lines().get(0).discount().amount()).isZero();
    }

    @Test
    void aPercentageIsCappedByMaxDiscount() {
        CouponRules capped = new CouponRules(CouponKind.PERCENT, 50, "INR", 500L, 0, null, null, null, null, null,
                null);
        assertThat(coupon(capped).apply("u1", LINES, Map.of(), NOW).discountTotal().amount()).isEqualTo(500);
    }

    @Test
    void onlyTheLinesOfItsProductsOrCategoriesAreDiscounted() {
        CouponRules scoped = new CouponRules(CouponKind.PERCENT, 10, "INR", null, 0, null, null, null, null,
                Set.of(P1), Set.of("oils"));
        Coupon.Discounted d = coupon(scoped).apply("u1", LINES, Map.of(P2, "oils", P3, "wipers"), NOW);

        assertThat(d.lines()).extracting(l -> l.discount().amount()).containsExactly(1_000L, 999L, 0L);

        assertThatThrownBy(() -> coupon(scoped).apply("u1", List.of(LINES.get(2)), Map.of(P3, "wipers"), NOW))
                .isInstanceOfSatisfying(CouponRefused.class, e -> {
                    assertThat(e.type()).isEqualTo(CouponRefused.NOT_APPLICABLE);
                    assertThat(e.getMessage()).contains("none of these products");
                });
    }

    @Test
    void everyRuleRefusesWithItsOwnReason() {
        CouponRules window = new CouponRules(CouponKind.PERCENT, 10, "INR", null, 0, NOW.plusSeconds(60),
                NOW.plusSeconds(120), null, null, null, null);
        assertThat(refusal(coupon(window), NOW)).isEqualTo(CouponRefused.NOT_YET_VALID);
        assertThat(refusal(coupon(window), NOW.plusSeconds(120))).isEqualTo(CouponRefused.EXPIRED);
        assertThat(coupon(window).apply("u1", LINES, Map.of(), NOW.plusSeconds(60)).discountTotal().amount())
                .isPositive();

        CouponRules minimum = new CouponRules(CouponKind.PERCENT, 10, "INR", null, 20_001, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> coupon(minimum).apply("u1", LINES, Map.of(), NOW))
                .isInstanceOfSatisfying(CouponRefused.class, e -> {
                    assertThat(e.type()).isEqualTo(CouponRefused.BELOW_MINIMUM);
                    assertThat(e.getMessage()).contains("INR 200.01").contains("INR 200.00");
                });

        CouponRules limited = new CouponRules(CouponKind.PERCENT, 10, "INR", null, 0, null, null, 5, 1, null, null);
        Coupon usedUp = new Coupon("c1", "SAVE10", limited, false, 5, Map.of(), List.of(), NOW, NOW, 0);
        assertThat(refusal(usedUp, NOW)).isEqualTo(CouponRefused.USED_UP);
        Coupon usedByU1 = new Coupon("c1", "SAVE10", limited, false, 1, Map.of(Coupon.customerKey("u1"), 1),
                List.of(), NOW, NOW, 0);
        assertThat(refusal(usedByU1, NOW)).isEqualTo(CouponRefused.CUSTOMER_LIMIT);
        assertThat(usedByU1.apply("u2", LINES, Map.of(), NOW).discountTotal().amount()).isPositive();

        CouponRules dollars = new CouponRules(CouponKind.AMOUNT, 100, "USD", null, 0, null, null, null, null, null,
                null);
        assertThat(refusal(coupon(dollars), NOW)).isEqualTo(CouponRefused.NOT_APPLICABLE);

        Coupon deleted = coupon(percent(10));
        deleted.delete(NOW);
        assertThat(refusal(deleted, NOW)).isEqualTo(CouponRefused.UNKNOWN);
    }

    @Test
    void brokenRulesAreNamedTogether() {
        assertThatThrownBy(() -> new CouponRules(CouponKind.PERCENT, 120, "rupees", -1L, -5, NOW, NOW, 0, 0,
                Set.of("nope"), Set.of("a b")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(Problem.Violation::field)
                        .containsExactly("value", "currency", "maxDiscount", "minSubtotal", "validTo", "maxUses",
                                "maxUsesPerCustomer", "productIds", "categoryIds"));
    }

    @Test
    void codesAreCaseInsensitiveAndCustomerKeysAreSafeFieldNames() {
        assertThat(Coupon.normaliseCode("code", " diwali-10 ")).isEqualTo("DIWALI-10");
        assertThat(Coupon.tryNormaliseCode("a$b")).isEmpty();
        assertThat(Coupon.customerKey("6560a1f2c3b4a59687001101")).isEqualTo("6560a1f2c3b4a59687001101");
        assertThat(Coupon.customerKey("user.with$odd")).startsWith("h_").doesNotContain(".", "$");
    }

    private static String refusal(Coupon coupon, Instant at) {
        try {
            coupon.apply("u1", LINES, Map.of(), at);
        } catch (CouponRefused e) {
            return e.type();
        }
        throw new AssertionError("the coupon applied");
    }
}
