package dev.shop.order.application;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.common.Money;
import dev.shop.order.domain.CheckoutPricing;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.OrderLine;
import io.smallrye.mutiny.Uni;

/** What a coupon would take off the caller's cart now (priced by the catalogue), or why it does not apply. */
@ApplicationScoped
public class CouponCheck {

    /** The cart with the coupon: lines with their discounts and the totals before shipping. */
    public record Checked(String code, CheckoutPricing.Priced cart, Coupon.Discounted discounted, Money subtotal) {
    }

    private final CartPricing pricing;
    private final CouponRedemptions coupons;

    public CouponCheck(CartPricing pricing, CouponRedemptions coupons) {
        this.pricing = pricing;
        this.coupons = coupons;
    }

    /**
     * @throws dev.shop.order.domain.CouponRefused 422 with the reason (unknown code included)
     * @throws dev.shop.order.domain.CheckoutRefused 422 for an empty cart or lines that cannot be sold
     */
    public Uni<Checked> check(String userId, String token, String code) {
        return pricing.price(userId, token).flatMap(cart -> coupons.preview(userId, code, cart.lines())
                .map(discounted -> new Checked(Coupon.tryNormaliseCode(code).orElse(code), cart, discounted,
                        cart.lines().stream().map(OrderLine::lineTotal)
                                .reduce(new Money(0, cart.lines().get(0).lineTotal().currency()), Money::plus))));
    }
}
