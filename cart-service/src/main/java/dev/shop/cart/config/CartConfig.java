package dev.shop.cart.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** cart-service settings ({@code shop.cart.*}). */
@ConfigMapping(prefix = "shop.cart")
public interface CartConfig {

    /** The currency carts are priced in (the catalogue's); products priced otherwise cannot be bought. */
    @WithDefault("INR")
    String currency();

    Catalog catalog();

    interface Catalog {

        /**
         * How long an id the catalogue did not know is answered 404 without asking again, so a client repeating a
         * bad id cannot make every request a call to catalog-service.
         */
        @WithDefault("30s")
        Duration unknownProductTtl();

        /** At most this many unknown ids are remembered. */
        @WithDefault("10000")
        int unknownProductCapacity();
    }
}
