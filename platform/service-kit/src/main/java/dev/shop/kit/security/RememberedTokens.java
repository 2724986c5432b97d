package dev.shop.kit.security;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers the access tokens smallrye-jwt has verified (signature, issuer, audience, expiry), by their exact text, so
 * that a caller's next requests with the same token skip the RSA verification, which is most of an authenticated
 * request's CPU. A token is remembered until it expires and at most {@code shop.token-cache.max-age}; any other text
 * (one altered byte) is verified in full. Only successful verifications are remembered: a refused token is checked
 * again on every request.
 */
@Decorator
@Priority(10)
public abstract class RememberedTokens implements JWTParser {

    private final JWTParser delegate;
    private final Cache<String, JsonWebToken> verified;
    private final Duration maxAge;
    private final boolean enabled;

    @Inject
    RememberedTokens(@Delegate JWTParser delegate, TokenCacheConfig config) {
        this.delegate = delegate;
        this.maxAge = config.maxAge();
        this.enabled = config.maxEntries() > 0 && !maxAge.isNegative() && !maxAge.isZero();
        this.verified = Caffeine.newBuilder()
                .maximumSize(Math.max(config.maxEntries(), 0))
                .expireAfter(Expiry.writing((String token, JsonWebToken parsed) -> {
                    // Until the token's expiry, at most the configured maximum age.
                    Duration left = Duration.ofMillis(expiresAtMillis(parsed) - System.currentTimeMillis());
                    return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
                }))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!enabled) {
            return delegate.parse(token);
        }
        JsonWebToken remembered = verified.getIfPresent(token);
        if (remembered != null && expiresAtMillis(remembered) > System.currentTimeMillis()) {
            return remembered;
        }
        JsonWebToken parsed = delegate.parse(token);
        if (expiresAtMillis(parsed) > System.currentTimeMillis()) {
            verified.put(token, parsed);
        }
        return parsed;
    }

    /** The token's {@code exp} in epoch milliseconds, or 0 when it has none. */
    private static long expiresAtMillis(JsonWebToken token) {
        return token.getClaim("exp") instanceof Number exp ? exp.longValue() * 1000 : 0;
    }
}
