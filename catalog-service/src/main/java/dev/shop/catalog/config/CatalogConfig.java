package dev.shop.catalog.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of catalog-service ({@code shop.catalog.*}). */
@ConfigMapping(prefix = "shop.catalog")
public interface CatalogConfig {

    /** Currency of every price in the catalogue (ISO 4217). */
    @WithDefault("INR")
    String currency();

    /** A {@code StockLow} event is written when a product's stock falls below this many units. */
    @WithDefault("5")
    int lowStockThreshold();

    Images images();

    View view();

    Http http();

    Cache cache();

    DemoData demoData();

    interface Images {
        /** Largest accepted image upload in bytes; larger is 413. */
        @WithDefault("5242880")
        long maxBytes();

        /** Images per product. */
        @WithDefault("10")
        int maxPerProduct();

        /** Uploads never attached to a product (a crash between storing and attaching) are removed after this. */
        @WithDefault("1h")
        Duration orphanGracePeriod();
    }

    interface View {
        /** How often the in-memory product view picks up changes made by other instances and by the stock saga. */
        @WithDefault("1s")
        Duration refreshInterval();

        /** How far back each refresh looks, to absorb clock skew between instances and slow writes. */
        @WithDefault("10s")
        Duration refreshOverlap();

        /** How long the taxonomy (brands, models, categories) is cached before it is read again. */
        @WithDefault("30s")
        Duration taxonomyTtl();
    }

    interface Http {
        /** {@code Cache-Control: max-age} of brands, models and categories, in seconds. */
        @WithDefault("300")
        int taxonomyMaxAge();

        /** {@code Cache-Control: max-age} of product pages and searches, in seconds. */
        @WithDefault("30")
        int productMaxAge();

        /** {@code Cache-Control: max-age} of image bytes, in seconds (they never change under one id). */
        @WithDefault("31536000")
        int mediaMaxAge();
    }

    /**
     * Reads are answered from caches that the product view's version invalidates: search results (matches and facets)
     * per normalised query, and the JSON bytes of product pages, list pages and list items.
     */
    interface Cache {
        /** Product references held by cached search results, all queries together (about 4 bytes each). */
        @WithDefault("2000000")
        long searchResults();

        /** Bytes of rendered JSON held (product pages, list pages, list items). */
        @WithDefault("64M")
        MemorySize renderedBytes();
    }

    interface DemoData {
        /** Load the demo catalogue on start (the {@code local} profile turns it on). */
        @WithDefault("false")
        boolean enabled();

        /** Number of demo products. */
        @WithDefault("320")
        int products();
    }
}
