package dev.shop.contracts.catalog;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.common.Money;

/**
 * What other services keep of a product (cart prices, order lines, admin read models). Consumers compute the price at
 * a given moment from {@code price} and {@code offer}; {@code effectivePrice} is the price when the event was written.
 *
 * @param productId product id
 * @param sku unique stock keeping unit
 * @param name display name
 * @param slug URL slug
 * @param brand brand code
 * @param models vehicle fitment
 * @param categoryId id of the product's category
 * @param price list price
 * @param offer current or scheduled offer, absent when none
 * @param effectivePrice price at {@code occurredAt} of the event
 * @param stock units on hand and not reserved
 * @param status {@code draft}, {@code active} or {@code archived}; only active products are sold
 * @param imageUrl path of the first image ({@code /api/v1/media/{id}}), absent when the product has none
 * @param version the product's version after the change
 * @param updatedAt when the product last changed
 */
public record ProductSnapshot(
        String productId,
        String sku,
        String name,
        String slug,
        String brand,
        List<Fitment> models,
        String categoryId,
        Money price,
        Offer offer,
        Money effectivePrice,
        int stock,
        String status,
        String imageUrl,
        long version,
        Instant updatedAt) {
}
