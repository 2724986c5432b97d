package dev.shop.auth.api;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.persistence.SigningKeyStore;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * auth-service verifies its own access tokens in-process, against its own key store, instead of fetching its JWKS over
 * HTTP like the other services (the shared {@code mp.jwt.verify.publickey.location} points elsewhere in tests and would
 * make the service call itself in production). Only RS256 tokens whose {@code kid} is the current or a previous key of
 * this issuer are accepted; issuer, audience and expiry are checked by smallrye-jwt as usual.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class OwnKeysJwtParser implements JWTParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefaultJWTParser delegate = new DefaultJWTParser();
    private final SigningKeyStore keys;
    private final AuthConfig config;
    private final int clockSkewSeconds;

    public OwnKeysJwtParser(SigningKeyStore keys, AuthConfig config,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30") int clockSkewSeconds) {
        this.keys = keys;
        this.config = config;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        RSAPublicKey key = keys.verificationKeys().get(keyId(token));
        if (key == null) {
            throw new ParseException("The token was not signed by a key of this issuer");
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicVerificationKey(key);
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(clockSkewSeconds);
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "jti", "sid"));
        return delegate.parse(token, info);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parse(token);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /** The {@code kid} of an RS256 JWS header; anything else (no kid, {@code alg: none}, JWE) is refused here. */
    static String keyId(String token) throws ParseException {
        if (token == null) {
            throw new ParseException("No token");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || token.chars().filter(c -> c == '.').count() != 2) {
            throw new ParseException("Not a signed JWT");
        }
        try {
            JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
                    StandardCharsets.UTF_8));
            if (!"RS256".equals(header.path("alg").asText()) || !header.path("kid").isTextual()) {
                throw new ParseException("Only RS256 tokens with a key id are accepted");
            }
            return header.get("kid").asText();
        } catch (ParseException e) {
            throw e;
        } catch (Exception e) {
            throw new ParseException("Unreadable token header");
        }
    }
}
