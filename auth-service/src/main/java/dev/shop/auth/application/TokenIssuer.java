package dev.shop.auth.application;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.User;
import dev.shop.auth.persistence.SigningKey;
import dev.shop.auth.persistence.SigningKeyStore;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens (docs/api.md): RS256 with the current key and its {@code kid}; claims {@code iss, sub, aud, exp,
 * iat, jti, groups, sid}.
 */
@ApplicationScoped
public class TokenIssuer {

    /** A signed access token. */
    public record AccessToken(String value, Instant expiresAt, long expiresInSeconds) {
        @Override
        public String toString() {
            return "AccessToken[expires " + expiresAt + "]";
        }
    }

    private final AuthConfig config;
    private final SigningKeyStore keys;

    public TokenIssuer(AuthConfig config, SigningKeyStore keys) {
        this.config = config;
        this.keys = keys;
    }

    public AccessToken issue(User user, String sessionId, Instant now) {
        Instant expiresAt = now.plus(config.accessTokenLifetime());
        SigningKey key = keys.current();
        String token = Jwt.issuer(config.issuer())
                .subject(user.id())
                .audience(config.audience())
                .groups(new LinkedHashSet<>(user.roleList()))
                .claim("sid", sessionId)
                .claim(Claims.jti.name(), UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws().keyId(key.kid()).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new AccessToken(token, expiresAt, config.accessTokenLifetime().toSeconds());
    }
}
