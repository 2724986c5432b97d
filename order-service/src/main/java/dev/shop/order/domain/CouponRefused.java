package dev.shop.order.domain;

import java.time.Instant;
import java.util.List;

import dev.shop.kit.problem.ProblemException;

/**
 * Why a coupon does not apply (422), each reason with its own problem type so a client can tell the customer: unknown,
 * not valid yet, expired, used up, used up by this customer, below the minimum subtotal, not applicable to these lines.
 */
public final class CouponRefused extends ProblemException {

    public static final String UNKNOWN = "/problems/coupon-unknown";
    public static final String NOT_YET_VALID = "/problems/coupon-not-yet-valid";
    public static final String EXPIRED = "/problems/coupon-expired";
    public static final String USED_UP = "/problems/coupon-used-up";
    public static final String CUSTOMER_LIMIT = "/problems/coupon-customer-limit";
    public static final String BELOW_MINIMUM = "/problems/coupon-below-minimum";
    public static final String NOT_APPLICABLE = "/problems/coupon-not-applicable";

    private CouponRefused(String type, String title, String detail) {
        super(422, type, title, detail, List.of(), null);
    }

    public static CouponRefused unknown(String code) {
        return new CouponRefused(UNKNOWN, "Unknown coupon", "There is no coupon " + code);
    }

    public static CouponRefused notYetValid(String code, Instant from) {
        return new CouponRefused(NOT_YET_VALID, "The coupon is not valid yet",
                "Coupon " + code + " can be used from " + from);
    }

    public static CouponRefused expired(String code, Instant to) {
        return new CouponRefused(EXPIRED, "The coupon has expired", "Coupon " + code + " expired at " + to);
    }

    public static CouponRefused usedUp(String code) {
        return new CouponRefused(USED_UP, "The coupon is used up", "Coupon " + code + " has been used as often as it "
                + "may be");
    }

    public static CouponRefused customerLimit(String code, int limit) {
        return new CouponRefused(CUSTOMER_LIMIT, "You have used this coupon already", "Coupon " + code
                + " can be used " + (limit == 1 ? "once" : limit + " times") + " per customer");
    }

    public static CouponRefused belowMinimum(String code, String minimum, String subtotal) {
        return new CouponRefused(BELOW_MINIMUM, "The order is below the coupon's minimum", "Coupon " + code
                + " needs a subtotal of at least " + minimum + "; this one is " + subtotal);
    }

    public static CouponRefused notApplicable(String code, String why) {
        return new CouponRefused(NOT_APPLICABLE, "The coupon does not apply", "Coupon " + code + " " + why);
    }
}
