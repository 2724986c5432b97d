package dev.shop.contracts.orders;

import dev.shop.contracts.common.Money;

/**
 * One line of an order, priced by the server from the catalogue when the order was placed (docs/architecture.md).
 *
 * @param productId product id
 * @param sku the product's SKU
 * @param name the product's name at placement
 * @param unitPrice effective unit price at placement
 * @param quantity units, at least 1
 * @param lineTotal {@code unitPrice × quantity}
 */
public record OrderLine(String productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {
}
