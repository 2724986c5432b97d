package dev.shop.order.application;

import java.util.List;

import dev.shop.order.domain.OrderLine;
import io.smallrye.mutiny.Uni;

/**
 * Where coupons plug into checkout: given the priced lines, the lines with each line's discount, or a 422
 * ({@link dev.shop.order.domain.CheckoutRefused#coupon}) saying why the coupon does not apply. The order's
 * {@code discountTotal} is the sum of the line discounts. The default ({@link NoCoupons}) has no coupons.
 */
public interface CouponPolicy {

    /**
     * @param couponCode the code the customer gave, or null for none
     */
    Uni<List<OrderLine>> apply(String userId, String couponCode, List<OrderLine> lines);
}
