package dev.shop.order.domain;

/** Who changed an order, as order events name them ({@code cancelledBy}). */
public enum Actor {
    CUSTOMER,
    ADMIN,
    SYSTEM
}
