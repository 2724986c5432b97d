package dev.shop.admin.domain;

/**
 * A search of the product summary; every part is optional.
 *
 * @param text matched literally, case-insensitive, in the name and SKU
 * @param status {@code draft}, {@code active} or {@code archived}
 * @param stockBelow only products with fewer units than this
 * @param includeDeleted whether deleted products are listed
 */
public record ProductCriteria(String text, String status, Integer stockBelow, boolean includeDeleted) {
}
