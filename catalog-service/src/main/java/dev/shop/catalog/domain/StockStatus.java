package dev.shop.catalog.domain;

/** Availability as shown to customers. */
public enum StockStatus {
    IN_STOCK,
    LOW_STOCK,
    OUT_OF_STOCK;

    public static StockStatus of(int stock, int lowThreshold) {
        if (stock <= 0) {
            return OUT_OF_STOCK;
        }
        return stock < lowThreshold ? LOW_STOCK : IN_STOCK;
    }
}
