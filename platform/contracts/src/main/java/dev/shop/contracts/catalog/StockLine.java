package dev.shop.contracts.catalog;

/**
 * Units of one product held for (or given back by) an order.
 *
 * @param productId product id
 * @param sku the product's SKU
 * @param quantity units
 */
public record StockLine(String productId, String sku, int quantity) {
}
