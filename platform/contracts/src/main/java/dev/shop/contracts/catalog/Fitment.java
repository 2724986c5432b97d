package dev.shop.contracts.catalog;

/**
 * A vehicle a product fits: a brand code and the code of one of that brand's models.
 *
 * @param brand brand code, e.g. {@code HONDA}
 * @param model model code, unique within the brand, e.g. {@code CITY}
 */
public record Fitment(String brand, String model) {
}
