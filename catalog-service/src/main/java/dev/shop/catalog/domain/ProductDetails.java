package dev.shop.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an admin edits on a product. Stock, ratings, sold count and images change through their own commands, never
 * through this.
 */
public record ProductDetails(
        String sku,
        String name,
        String description,
        String brand,
        List<Fitment> models,
        String categoryId,
        Map<String, String> attributes,
        long price,
        Offer offer,
        ProductStatus status) {

    public ProductDetails {
        models = List.copyOf(models);
        attributes = Map.copyOf(attributes);
    }

    /** Names of the fields that differ from {@code current}, in a stable order. */
    public List<String> changesFrom(Product current) {
        List<String> changes = new ArrayList<>();
        if (!sku.equals(current.sku())) {
            changes.add("sku");
        }
        if (!name.equals(current.name())) {
            changes.add("name");
        }
        if (!Objects.equals(description, current.description())) {
            changes.add("description");
        }
        if (!brand.equals(current.brand())) {
            changes.add("brand");
        }
        if (!models.equals(current.models())) {
            changes.add("models");
        }
        if (!categoryId.equals(current.categoryId())) {
            changes.add("categoryId");
        }
        if (!attributes.equals(current.attributes())) {
            changes.add("attributes");
        }
        if (price != current.price()) {
            changes.add("price");
        }
        if (!Objects.equals(offer, current.offer())) {
            changes.add("offer");
        }
        if (status != current.status()) {
            changes.add("status");
        }
        return changes;
    }
}
