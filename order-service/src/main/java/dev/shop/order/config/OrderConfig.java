package dev.shop.order.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of order-service ({@code shop.order.*}); every key can be set with an environment variable. */
@ConfigMapping(prefix = "shop.order")
public interface OrderConfig {

    /** Region of inline shipping addresses without a country, and of phone numbers without a country code. */
    @WithDefault("IN")
    String defaultRegion();

    Shipping shipping();

    Pending pending();

    Analytics analytics();

    /** The calls checkout makes (cart-service, catalog-service's quote, auth-service's address book) and Razorpay's. */
    Dependencies dependencies();

    Payments payments();

    Coupons coupons();

    Notifications notifications();

    /** Reads of one order that wait for it to change ({@code Prefer: wait=N} with {@code If-None-Match}). */
    Watch watch();

    interface Watch {
        /**
         * The longest wait a client can ask for; below the gateway's upstream timeout (10 s), so that a waiting read
         * is answered by order-service, never cut off.
         */
        @WithDefault("5s")
        Duration maxWait();

        /**
         * How often a waiting read looks at the order again. A change this instance makes wakes it at once; this
         * catches changes made by another instance.
         */
        @WithDefault("250ms")
        Duration recheck();

        /** Waiting reads held at once per instance; beyond it a read answers at once, as without the preference. */
        @WithDefault("10000")
        int maxWaiting();
    }

    /** Card payments: the provider, how long an order waits for its payment, webhook checks, refunds. */
    interface Payments {
        /**
         * The provider card payments go through: {@code razorpay}, or {@code fake-card} locally; absent: card orders are
         * refused at checkout (422).
         */
        Optional<String> cardProvider();

        /** How long a card order whose stock is reserved waits for its payment before it is cancelled. */
        @WithDefault("15m")
        Duration window();

        /** How often overdue payments and due refunds are looked at. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** Orders handled per sweep. */
        @WithDefault("100")
        int batchSize();

        /** How far a webhook's signed timestamp may be from now, either way, before it is refused as stale. */
        @WithDefault("5m")
        Duration webhookTolerance();

        /** Time allowed for one call to the provider (sessions, refunds). */
        @WithDefault("10s")
        Duration timeout();

        FakeCard fakeCard();

        Razorpay razorpay();
    }

    /**
     * Razorpay (Orders API, Checkout, webhooks, refunds). Credentials come from the environment only; the resilience of
     * its calls is {@code shop.order.dependencies.razorpay.*}.
     */
    interface Razorpay {
        /** Where its API answers. */
        @WithDefault("https://api.razorpay.com")
        URI baseUrl();

        /** The API key id ({@code rzp_live_...}): HTTP Basic user, and the {@code key} the client's Checkout opens with. */
        Optional<String> keyId();

        /** The API key secret: HTTP Basic password, and the key of the Checkout's payment signatures. */
        Optional<String> keySecret();

        /** The secret set on the Dashboard's webhook, which signs each delivery. */
        Optional<String> webhookSecret();

        /**
         * How old (by its {@code created_at}) a webhook event may be. Razorpay signs no delivery time and sends a failed
         * delivery again, unchanged, for 24 hours; so an event is refused as stale only after that (plus
         * {@code webhook-tolerance} of clock difference), or when it claims to come from further than
         * {@code webhook-tolerance} in the future.
         */
        @WithDefault("24h")
        Duration webhookMaxAge();
    }

    /**
     * The local card provider. Its signing secret is {@code secret}, or read from {@code secret-file} (generated there on
     * first start when the file does not exist).
     */
    interface FakeCard {
        /** The signing secret ({@code whsec_<base64>}); set only for tests. */
        Optional<String> secret();

        /** Where the signing secret is kept (generated on first start); {@code ./shop pay} reads it. */
        Optional<Path> secretFile();

        /** Where the sessions it opens are listed, one per line, for {@code ./shop pay}. */
        Optional<Path> sessionsFile();
    }

    interface Coupons {
        /** The currency of new coupons that name none. */
        @WithDefault("INR")
        String currency();

        /** After how long a use claimed by a checkout whose order never appeared is given back. */
        @WithDefault("10m")
        Duration claimTimeout();

        /** How often abandoned claims are looked for. */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    /** Text messages to customers when their order moves on. */
    interface Notifications {
        /**
         * {@code console} (local mode: the log and {@code notifications.console.file}) or {@code none} (messages are
         * recorded as skipped, not sent).
         */
        @WithDefault("none")
        String provider();

        /** The name messages are signed with. */
        @WithDefault("Shop")
        String brand();

        /** Time allowed for one send. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * Events older than this send no message (a new consumer group reads the topic from its start, a replay reads it
         * again: customers are not told about the past).
         */
        @WithDefault("1d")
        Duration maxAge();

        Console console();

        interface Console {
            /** The file the console provider appends {@code <phone> <time> <id> <text>} lines to. */
            @WithDefault("data/dev-sms.log")
            Path file();
        }
    }

    interface Shipping {
        /** Flat shipping fee in minor units of the order's currency; 0 ships for free. */
        @WithDefault("0")
        long fee();

        /** Subtotal (minor units, after discounts) from which shipping is free. */
        OptionalLong freeFrom();
    }

    /** The sweeper of orders the catalogue has not answered. */
    interface Pending {
        /** How often to look for orders left pending. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** After how long without an answer {@code OrderPlaced} is published again (and then again, this far apart). */
        @WithDefault("2m")
        Duration redriveAfter();

        /** How often at most {@code OrderPlaced} is published again. */
        @WithDefault("3")
        int maxRedrives();

        /** After how long without an answer the order is rejected ({@code STOCK_TIMEOUT}). */
        @WithDefault("15m")
        Duration rejectAfter();

        /** Orders handled per sweep. */
        @WithDefault("100")
        int batchSize();
    }

    interface Analytics {
        /** Time zone of the days that sales are counted in. */
        @WithDefault("UTC")
        ZoneId zone();

        /** The currency sales reports are in. */
        @WithDefault("INR")
        String currency();
    }

    interface Dependencies {
        Dependency cart();

        Dependency catalog();

        Dependency auth();

        /** Razorpay's API (payment sessions and refunds). */
        Dependency razorpay();
    }

    /**
     * Resilience of one synchronous call. Every call may be retried: checkout's are reads, and Razorpay's writes are
     * made repeatable (a session looks for the order's Razorpay order before creating one; a refund carries an
     * idempotency key).
     */
    interface Dependency {
        /** Time allowed for one attempt. */
        @WithDefault("2s")
        Duration timeout();

        /** Attempts after the first one, on a timeout, a connection failure or a 5xx answer. */
        @WithDefault("2")
        int retries();

        /** Pause before a retry (a random jitter of the same size is added). */
        @WithDefault("100ms")
        Duration retryDelay();

        /** Calls in the rolling window that decides whether the circuit opens. */
        @WithDefault("10")
        int circuitVolume();

        /** Share of failed calls in the window that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit refuses calls before it lets one try. */
        @WithDefault("10s")
        Duration circuitDelay();
    }
}
