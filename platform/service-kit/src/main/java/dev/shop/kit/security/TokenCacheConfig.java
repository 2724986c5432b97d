package dev.shop.kit.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Verified access tokens remembered by their exact text ({@link RememberedTokens}). */
@ConfigMapping(prefix = "shop.token-cache")
public interface TokenCacheConfig {

    /** Tokens remembered at most (least recently used go first); 0 verifies every request. */
    @WithDefault("2048")
    long maxEntries();

    /**
     * Longest time a token is remembered, whatever its own expiry: the time a token signed with a key auth-service has
     * since withdrawn can still pass.
     */
    @WithDefault("1m")
    Duration maxAge();
}
