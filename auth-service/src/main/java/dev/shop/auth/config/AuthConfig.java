package dev.shop.auth.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of auth-service ({@code shop.auth.*}); every key can be set with an environment variable. */
@ConfigMapping(prefix = "shop.auth")
public interface AuthConfig {

    /** {@code iss} of every access token and the OIDC issuer identifier. */
    @WithDefault("http://localhost:8081/api/v1/auth")
    String issuer();

    /** The JWKS URL announced in the discovery document; defaults to {@code <issuer>/jwks}. */
    Optional<String> jwksUri();

    /** {@code aud} of every access token. */
    @WithDefault("shop-api")
    String audience();

    @WithDefault("15m")
    Duration accessTokenLifetime();

    Phone phone();

    Keys keys();

    Otp otp();

    Sessions sessions();

    Password password();

    Login login();

    Bootstrap bootstrap();

    interface Phone {
        /** Region used for numbers written without a country code (ISO 3166-1 alpha-2). */
        @WithDefault("IN")
        String defaultRegion();
    }

    interface Keys {
        /**
         * The signing key: a PEM (PKCS#8 {@code PRIVATE KEY}) or JWK file, typically a mounted secret. Takes precedence
         * over {@link #dir()}.
         */
        Optional<Path> signingKeyFile();

        /** Public (or private) keys of earlier signing keys, still published in the JWKS (PEM or JWK files). */
        Optional<List<Path>> previousKeyFiles();

        /**
         * A folder where the service keeps its own keys: generated on first start and reused (local mode). Also holds
         * the OTP hashing key when {@code shop.auth.otp.hash-key} is not set.
         */
        Optional<Path> dir();
    }

    interface Otp {
        /** {@code console}, {@code twofactor} or {@code twilio}. Required outside local mode. */
        Optional<String> provider();

        /** Secret for the keyed hash of stored codes (base64, at least 32 bytes). */
        Optional<String> hashKey();

        @WithDefault("5m")
        Duration lifetime();

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("30s")
        Duration resendCooldown();

        /** Codes sent to one phone number per hour. */
        @WithDefault("5")
        int perPhonePerHour();

        /**
         * Codes sent per hour to all numbers that differ only in their last {@link #prefixWildcardDigits()} digits (a
         * block of 1,000 numbers by default): SMS pumping walks through number ranges.
         */
        @WithDefault("30")
        int perPrefixPerHour();

        @WithDefault("3")
        int prefixWildcardDigits();

        /**
         * Codes requested from one client address per hour. High, because one address is often a whole mobile
         * carrier's NAT; the per-phone and per-prefix budgets do the real limiting.
         */
        @WithDefault("300")
        int perIpPerHour();

        /**
         * ISO 3166-1 regions whose numbers may receive codes; numbers elsewhere (and premium-rate, shared-cost and other
         * non-mobile numbers) are refused, so the service cannot be used to pump SMS to expensive destinations. Empty
         * means the default region only.
         */
        Optional<List<String>> allowedRegions();

        Console console();

        TwoFactor twofactor();

        Twilio twilio();

        interface Console {
            /** File the console provider appends {@code <E.164> <code> <purpose> <timestamp>} lines to. */
            @WithDefault("data/dev-otp.log")
            Path file();
        }

        interface TwoFactor {
            @WithDefault("https://2factor.in")
            String baseUrl();

            Optional<String> apiKey();

            /** Optional SMS template name registered with 2Factor. */
            Optional<String> smsTemplate();

            /**
             * Optional template for a registration of a phone that already has an account ("You already have an
             * account; sign in with code ..."); the ordinary template otherwise.
             */
            Optional<String> accountExistsTemplate();

            @WithDefault("5s")
            Duration timeout();
        }

        interface Twilio {
            @WithDefault("https://verify.twilio.com")
            String baseUrl();

            Optional<String> accountSid();

            Optional<String> authToken();

            /** The Verify service id ({@code VA...}). */
            Optional<String> serviceSid();

            @WithDefault("5s")
            Duration timeout();
        }
    }

    interface Sessions {
        /** Lifetime of one refresh token; each refresh issues a new one. */
        @WithDefault("14d")
        Duration refreshTokenLifetime();

        /** A session (refresh-token family) ends this long after login, however often it is refreshed. */
        @WithDefault("30d")
        Duration maxLifetime();

        @WithDefault("15m")
        Duration resetTokenLifetime();

        /**
         * A refresh token that was just used may be presented again for this long and yields the same successor (two
         * browser tabs refreshing at once); later, presenting it again is reuse and ends the session.
         */
        @WithDefault("10s")
        Duration refreshGrace();

        Cookie cookie();

        /** The {@code refresh_token} cookie. */
        interface Cookie {
            @WithDefault("/api/v1/auth")
            String path();

            /** Only a plain-HTTP developer setup may switch {@code Secure} off. */
            @WithDefault("true")
            boolean secure();
        }
    }

    interface Password {
        /** Argon2id memory in KiB (OWASP: 19456). */
        @WithDefault("19456")
        int argon2Memory();

        @WithDefault("2")
        int argon2Iterations();

        @WithDefault("1")
        int argon2Parallelism();
    }

    /** Password sign-in attempts per phone number, whether or not it has an account. */
    interface Login {
        /** Failed password sign-ins of one phone number before it is locked (a success starts the count again). */
        @WithDefault("5")
        int maxFailures();

        /** How long the count runs: the lock lifts when the window that reached the limit ends. */
        @WithDefault("15m")
        Duration lockout();
    }

    interface Bootstrap {
        /** Creates this admin on start when no account has the phone number yet ({@code SHOP_BOOTSTRAP_ADMIN_PHONE}). */
        @WithName("admin-phone")
        Optional<String> adminPhone();

        /** Password of the bootstrap admin ({@code SHOP_BOOTSTRAP_ADMIN_PASSWORD}). */
        @WithName("admin-password")
        Optional<String> adminPassword();

        /** Seeds the demo admin and customer of the local stack. */
        @WithDefault("false")
        boolean demoAccounts();
    }
}
