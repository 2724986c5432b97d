package dev.shop.cart.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opaque bearer of a guest cart ({@code X-Cart-Token}): 32 random bytes, base64url without padding (43
 * characters). Only its SHA-256 is stored, so the database never holds a usable token; it is unguessable, so holding
 * it is what owning the guest cart means.
 */
public final class CartToken {

    public static final String HEADER = "X-Cart-Token";
    private static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private CartToken(String value) {
        this.value = value;
    }

    public static CartToken issue() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new CartToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A token as a client sent it; empty when it cannot be one of ours. */
    public static Optional<CartToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        return FORMAT.matcher(trimmed).matches() ? Optional.of(new CartToken(trimmed)) : Optional.empty();
    }

    public String value() {
        return value;
    }

    public CartOwner.Guest owner() {
        return new CartOwner.Guest(hash());
    }

    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        // Never log a bearer token.
        return "CartToken[…]";
    }
}
