package dev.shop.order.domain;

/** How a coupon takes money off: a percentage of the lines it applies to, or a fixed amount spread over them. */
public enum CouponKind {
    PERCENT,
    AMOUNT
}
