package dev.shop.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The refresh token that follows a presented one: {@code HMAC-SHA256(key, "refresh-successor:" + token)}. Deriving it
 * (instead of drawing a random one) lets a refresh that lost a race against another tab's refresh with the same token
 * answer the very token the winner got, without ever storing a token in the clear; without the key nobody can compute
 * it from a stolen token.
 */
public final class RefreshSuccessors {

    private final byte[] key;

    public RefreshSuccessors(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String successorOf(String presented) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("refresh-successor:" + presented).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
