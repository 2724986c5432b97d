package dev.shop.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints access tokens shaped like auth-service's (RS256; {@code iss, sub, aud, exp, iat, jti, groups, sid}) with the
 * keys of {@link TestIssuer}, and the bad tokens security tests need.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String customer(String userId) {
        return forUser(userId).roles("customer").sign();
    }

    public static String admin(String userId) {
        return forUser(userId).roles("customer", "admin").sign();
    }

    public static Builder forUser(String userId) {
        return new Builder(userId);
    }

    /** A token with {@code "alg":"none"} and no signature. */
    public static String unsigned(String userId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + TestIssuer.shared().issuer() + "\",\"sub\":\"" + userId
                + "\",\"aud\":\"" + TestIssuer.AUDIENCE + "\",\"groups\":[\"customer\",\"admin\"],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Builds one token; defaults are a valid 15-minute customer token from the shared issuer's current key. */
    public static final class Builder {
        private final String userId;
        private final Set<String> roles = new LinkedHashSet<>(Set.of("customer"));
        private String issuer = TestIssuer.shared().issuer();
        private String audience = TestIssuer.AUDIENCE;
        private String sessionId = UUID.randomUUID().toString();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(15);
        private RsaJsonWebKey key = TestIssuer.shared().currentKey();

        private Builder(String userId) {
            this.userId = userId;
        }

        public Builder roles(String... names) {
            roles.clear();
            roles.addAll(Set.of(names));
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audience(String value) {
            this.audience = value;
            return this;
        }

        public Builder sessionId(String value) {
            this.sessionId = value;
            return this;
        }

        /** Issued an hour ago with a 15-minute lifetime. */
        public Builder expired() {
            this.issuedAt = Instant.now().minus(Duration.ofHours(1));
            return this;
        }

        public Builder signedWith(RsaJsonWebKey other) {
            this.key = other;
            return this;
        }

        public String sign() {
            JwtClaimsBuilder claims = Jwt.issuer(issuer)
                    .subject(userId)
                    .audience(audience)
                    .groups(roles)
                    .claim("sid", sessionId)
                    .claim("jti", UUID.randomUUID().toString())
                    .issuedAt(issuedAt)
                    .expiresAt(issuedAt.plus(lifetime));
            PrivateKey privateKey = key.getRsaPrivateKey();
            return claims.jws().keyId(key.getKeyId()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                    .sign(privateKey);
        }
    }
}
