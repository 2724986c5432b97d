package dev.shop.cart.domain;

import java.time.Instant;
import java.util.Optional;

import dev.shop.contracts.common.Money;

/**
 * What the cart knows of a product: the local read model of the catalogue's product events. Prices are computed at
 * the moment asked, so an offer starts and ends on time even when no event arrives.
 *
 * @param id product id
 * @param sku stock keeping unit
 * @param name display name
 * @param imageUrl path of the main image, absent when the product has none
 * @param price list price, absent for a product known only from its deletion
 * @param offer current or scheduled offer, absent when none
 * @param status lifecycle status
 * @param stock units the catalogue last announced as available
 * @param deleted removed from the catalogue for good
 * @param version the catalogue's version of the product
 */
public record CatalogueProduct(String id, String sku, String name, String imageUrl, Money price, Offer offer,
        ProductStatus status, int stock, boolean deleted, long version) {

    /**
     * What a product id can look like. Ids are opaque to the cart, but they travel in URL paths: nothing beyond these
     * characters is ever taken for one.
     */
    public static final String ID_FORMAT = "[A-Za-z0-9_-]{1,64}";

    /** Why a product cannot be bought right now. */
    public enum Unavailability {
        REMOVED("This product was removed from the catalogue"),
        NOT_SOLD("This product is no longer available"),
        OUT_OF_STOCK("This product is out of stock");

        private final String notice;

        Unavailability(String notice) {
            this.notice = notice;
        }

        public String notice() {
            return notice;
        }
    }

    public boolean onSale(Instant now) {
        return offer != null && offer.activeAt(now);
    }

    /**
     * The price at {@code now}: the offer's while its window is open, the list price otherwise; absent for a product
     * known only from its deletion.
     */
    public Money effectivePrice(Instant now) {
        if (price == null) {
            return null;
        }
        return onSale(now) ? new Money(offer.applyTo(price.amount()), price.currency()) : price;
    }

    /** Whether the catalogue sells it at all (whatever the stock). */
    public boolean sold() {
        return !deleted && status == ProductStatus.ACTIVE && price != null;
    }

    /** Why it cannot be bought now, empty when it can. */
    public Optional<Unavailability> unavailability() {
        if (deleted) {
            return Optional.of(Unavailability.REMOVED);
        }
        if (status != ProductStatus.ACTIVE || price == null) {
            return Optional.of(Unavailability.NOT_SOLD);
        }
        if (stock <= 0) {
            return Optional.of(Unavailability.OUT_OF_STOCK);
        }
        return Optional.empty();
    }
}
