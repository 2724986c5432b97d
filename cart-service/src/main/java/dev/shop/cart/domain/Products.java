package dev.shop.cart.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The products a cart operation looked up, by id: those found, and the ids that were asked for (found or not), so an
 * operation can tell "not in the catalogue" from "not looked up".
 */
public record Products(Map<String, CatalogueProduct> found, Set<String> asked) {

    public Products {
        found = Map.copyOf(found);
        asked = Set.copyOf(asked);
    }

    public Optional<CatalogueProduct> find(String productId) {
        return Optional.ofNullable(found.get(productId));
    }

    /** Whether every one of {@code productIds} was looked up. */
    public boolean covers(Collection<String> productIds) {
        return asked.containsAll(productIds);
    }
}
