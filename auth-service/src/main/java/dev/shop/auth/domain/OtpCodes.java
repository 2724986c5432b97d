package dev.shop.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.shop.kit.validation.PhoneNumber;

/**
 * Makes one-time codes and the keyed hashes stored in their place: {@code HMAC-SHA256(key, purpose:phone:code)}, so a
 * leaked database reveals no code and a hash of one phone or purpose cannot be replayed for another.
 */
public final class OtpCodes {

    public static final int DIGITS = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public OtpCodes(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the OTP hash key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** A uniformly random 6-digit code from a CSPRNG (leading zeros kept). */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String hash(OtpPurpose purpose, PhoneNumber phone, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((purpose.wireName() + ":" + phone.e164() + ":" + code)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a presented code against a stored hash. */
    public boolean matches(OtpPurpose purpose, PhoneNumber phone, String code, String storedHash) {
        if (code == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(purpose, phone, code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
