package dev.shop.order.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.shop.kit.problem.ProblemException;

/**
 * Webhook signatures as the Standard Webhooks specification (1.0) defines them, which is also how Stripe-style
 * providers sign: headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * (space-separated {@code v1,<base64 HMAC-SHA256>} entries, so a provider can sign with an old and a new secret while it
 * rotates them), over {@code <webhook-id>.<webhook-timestamp>.<raw body>}. The secret is {@code whsec_<base64 key>}.
 * The timestamp is signed too, so a captured delivery cannot be replayed once it is outside the tolerance; inside it, the
 * inbox's deduplication on the (signed) id makes a replay harmless.
 */
public final class StandardWebhooks {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_HEADER = 2048;

    private StandardWebhooks() {
    }

    /** A new random secret, {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a {@code whsec_} secret (any other string is used as it is). */
    public static byte[] key(String secret) {
        String trimmed = secret.strip();
        if (trimmed.startsWith(SECRET_PREFIX)) {
            return Base64.getDecoder().decode(trimmed.substring(SECRET_PREFIX.length()));
        }
        return trimmed.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code webhook-signature} value for a delivery: {@code v1,<base64>}. */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signedContent(id, timestamp, body)));
    }

    /**
     * Checks a delivery; returns its id.
     *
     * @param headers request headers, names in lower case
     * @throws ProblemException 401 when a header is missing, the timestamp is further than {@code tolerance} from
     *         {@code now}, or no signature matches
     */
    public static String verify(byte[] key, Map<String, String> headers, byte[] body, Instant now,
            Duration tolerance) {
        String id = headers.get(ID);
        String timestamp = headers.get(TIMESTAMP);
        String signatures = headers.get(SIGNATURE);
        if (blank(id) || blank(timestamp) || blank(signatures)) {
            throw ProblemException.unauthorized("Unsigned webhook: " + ID + ", " + TIMESTAMP + " and " + SIGNATURE
                    + " are required");
        }
        if (id.length() > 256 || signatures.length() > MAX_HEADER) {
            throw ProblemException.unauthorized("Malformed webhook signature headers");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.unauthorized("Malformed " + TIMESTAMP);
        }
        if (Math.abs(now.getEpochSecond() - sent) > tolerance.toSeconds()) {
            throw ProblemException.unauthorized("Stale webhook: signed at " + sent + ", more than "
                    + tolerance.toSeconds() + " s from now");
        }
        byte[] expected = hmac(key, signedContent(id, sent, body));
        for (String entry : signatures.strip().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return id;
            }
        }
        throw ProblemException.unauthorized("The webhook signature does not match its content");
    }

    /** HMAC-SHA256 of {@code content} with {@code key}. */
    public static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] signedContent(String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
