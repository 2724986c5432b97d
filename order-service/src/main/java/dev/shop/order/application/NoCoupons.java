package dev.shop.order.application;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.order.domain.CheckoutRefused;
import dev.shop.order.domain.OrderLine;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The shop has no coupons yet: an order without a code is priced as it is, a code is refused (422) rather than
 * silently ignored, so nobody believes a discount was applied. A coupon implementation replaces this bean.
 */
@ApplicationScoped
@DefaultBean
public class NoCoupons implements CouponPolicy {

    @Override
    public Uni<List<OrderLine>> apply(String userId, String couponCode, List<OrderLine> lines) {
        if (couponCode == null || couponCode.isBlank()) {
            return Uni.createFrom().item(lines);
        }
        return Uni.createFrom().failure(CheckoutRefused.coupon("Coupons are not available yet; order without one"));
    }
}
