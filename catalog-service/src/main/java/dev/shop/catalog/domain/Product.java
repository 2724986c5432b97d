package dev.shop.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.shop.kit.problem.ProblemException;

/**
 * A product as customers and admins see it. Prices are minor units of {@code currency}; the effective price honours
 * the offer's window at the moment asked.
 */
public record Product(
        String id,
        String sku,
        String name,
        String slug,
        String description,
        String brand,
        List<Fitment> models,
        String categoryId,
        Map<String, String> attributes,
        long price,
        String currency,
        Offer offer,
        int stock,
        ProductStatus status,
        List<ProductImage> images,
        int ratingCount,
        long ratingSum,
        long soldCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Product {
        models = List.copyOf(models);
        attributes = Map.copyOf(attributes);
        images = List.copyOf(images);
    }

    public long effectivePrice(Instant now) {
        return onSale(now) ? offer.applyTo(price) : price;
    }

    public boolean onSale(Instant now) {
        return offer != null && offer.activeAt(now);
    }

    /**
     * When the effective price next changes by itself (the offer starts or ends), or null. Until then everything about
     * the product that depends on the time (effective price, on sale, offer active) stays as it is at {@code now}.
     */
    public Instant nextPriceChange(Instant now) {
        return offer == null ? null : offer.nextChangeAfter(now);
    }

    public boolean inStock() {
        return stock > 0;
    }

    public boolean isActive() {
        return status == ProductStatus.ACTIVE;
    }

    public StockStatus stockStatus(int lowThreshold) {
        return StockStatus.of(stock, lowThreshold);
    }

    /** Average rating rounded to one decimal; 0 without reviews. */
    public double ratingAverage() {
        if (ratingCount <= 0) {
            return 0;
        }
        return Math.round(ratingSum * 10.0 / ratingCount) / 10.0;
    }

    public ProductImage primaryImage() {
        return images.isEmpty() ? null : images.get(0);
    }

    /**
     * Checks that the status may change as {@code details} asks.
     *
     * @throws ProblemException 409 for an illegal transition (an active or archived product never becomes a draft)
     */
    public void checkTransition(ProductDetails details) {
        if (details.status() != status && !status.canMoveTo(details.status())) {
            throw ProblemException.conflict("A product that is " + status.wire() + " cannot become "
                    + details.status().wire() + "; archive it instead");
        }
    }
}
