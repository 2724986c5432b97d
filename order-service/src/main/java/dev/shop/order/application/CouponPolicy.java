package dev.shop.order.application;

import java.util.List;

import dev.shop.order.domain.OrderLine;
import io.smallrye.mutiny.Uni;

/**
 * Where coupons plug into checkout: the priced lines with each line's discount, with one use of the coupon counted for
 * the order; or a 422 ({@link dev.shop.order.domain.CouponRefused}) saying why the coupon does not apply. The order's
 * {@code discountTotal} is the sum of the line discounts. A checkout that does not store its order gives the use back.
 */
public interface CouponPolicy {

    /**
     * @param orderId the id the new order will have
     * @param couponCode the code the customer gave, or null for none
     */
    Uni<List<OrderLine>> redeem(String userId, String orderId, String couponCode, List<OrderLine> lines);

    /** Gives back the use {@code orderId} holds, if it holds one. */
    Uni<Void> release(String orderId);
}
