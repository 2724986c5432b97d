package dev.shop.admin.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of admin-service ({@code shop.admin.*}). */
@ConfigMapping(prefix = "shop.admin")
public interface AdminConfig {

    /** Currency the shop sells in; revenue figures count orders in this currency. */
    @WithDefault("INR")
    String currency();

    /** Time zone in which the dashboard counts days (changing it needs a replay of the order and user read models). */
    @WithDefault("UTC")
    ZoneId zone();

    Dashboard dashboard();

    Audit audit();

    Replay replay();

    Downstream downstream();

    SecurityEvents securityEvents();

    interface Dashboard {
        /** Days covered when {@code from} and {@code to} are not given. */
        @WithDefault("30")
        int defaultDays();

        /** The longest range one dashboard request may cover. */
        @WithDefault("366")
        int maxDays();

        /** Products listed under "top products". */
        @WithDefault("10")
        int topProducts();

        /** A product with fewer units than this is listed under "low stock" (the catalogue's own threshold). */
        @WithDefault("5")
        int lowStockThreshold();

        /** Products listed under "low stock". */
        @WithDefault("20")
        int lowStockLimit();
    }

    interface Audit {
        /** How often an append retries after another writer took the same sequence number. */
        @WithDefault("200")
        int appendAttempts();

        /** Longest canonical JSON kept for before/after/request; larger values are replaced by their size and hash. */
        @WithDefault("16384")
        int maxValueLength();
    }

    interface Replay {
        /** How long a replay owns its read model before another instance may take over a stalled one. */
        @WithDefault("2m")
        Duration lease();

        /** Longest wait for one poll of the replay consumer. */
        @WithDefault("1s")
        Duration pollTimeout();
    }

    interface Downstream {
        Service auth();

        Service catalog();

        Service orders();

        /** Time to open a connection to a downstream service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Longest wait for a downstream answer at the HTTP level (the fault-tolerance timeout usually fires first). */
        @WithDefault("10s")
        Duration readTimeout();

        interface Service {
            /** Base URL, e.g. {@code http://localhost:8081}. */
            String url();
        }
    }

    interface SecurityEvents {
        /**
         * {@code SessionRevoked} reasons recorded in the audit log. Logouts are routine and left out by default.
         */
        @WithDefault("refresh-token-reuse,password-reset,user-blocked")
        List<String> sessionReasons();
    }
}
