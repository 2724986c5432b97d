package dev.shop.catalog.domain;

/** A vehicle a product fits: a brand and one of its models. */
public record Fitment(String brand, String model) {

    public String key() {
        return VehicleModel.key(brand, model);
    }
}
