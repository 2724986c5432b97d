package dev.shop.gateway.cache;

import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A 200 answer as the proxy sent it to the client: status line, the service's headers after the gateway's forwarding
 * rules (hop-by-hop headers removed) with the {@code Date} the proxy wrote, and the exact body bytes. The gateway's own
 * edge headers (request id, rate limit, security, CORS) are not part of it: they are added to every answer, cached or
 * not, for the request at hand. Immutable; the body buffer is shared by every answer written from it.
 */
final class StoredAnswer implements Stored {

    /** The header fields a 304 carries (RFC 9110 §15.4.5), lower case. */
    private static final String[] NOT_MODIFIED_FIELDS = { "cache-control", "content-location", "date", "etag",
            "expires", "vary" };

    private final String statusMessage;
    private final String[] names;
    private final String[] values;
    private final String[] notModifiedNames;
    private final String[] notModifiedValues;
    private final Buffer body;
    private final String contentLength;
    private final String etag;
    private final long receivedAgeSeconds;
    private final long requestedAtNanos;
    private final long expiresAtNanos;
    private final int weight;

    /**
     * @param headers the answer's headers without {@code Content-Length}, {@code Transfer-Encoding} and {@code Age}
     * @param receivedAgeSeconds the {@code Age} the service sent (0 without one)
     * @param requestedAtNanos when the request was sent to the service: the age counts from then
     */
    StoredAnswer(String key, String statusMessage, MultiMap headers, Buffer body, long receivedAgeSeconds,
            long requestedAtNanos, long expiresAtNanos) {
        this.statusMessage = statusMessage;
        int size = headers.size();
        this.names = new String[size];
        this.values = new String[size];
        int i = 0;
        int bytes = 256 + 2 * key.length() + body.length();
        int notModified = 0;
        for (Map.Entry<String, String> header : headers) {
            names[i] = header.getKey();
            values[i] = header.getValue();
            bytes += 32 + 2 * (names[i].length() + values[i].length());
            if (isNotModifiedField(names[i])) {
                notModified++;
            }
            i++;
        }
        this.notModifiedNames = new String[notModified];
        this.notModifiedValues = new String[notModified];
        for (int h = 0, m = 0; h < size; h++) {
            if (isNotModifiedField(names[h])) {
                notModifiedNames[m] = names[h];
                notModifiedValues[m] = values[h];
                m++;
            }
        }
        this.body = body;
        this.contentLength = Integer.toString(body.length());
        this.etag = headers.get("etag");
        this.receivedAgeSeconds = receivedAgeSeconds;
        this.requestedAtNanos = requestedAtNanos;
        this.expiresAtNanos = expiresAtNanos;
        this.weight = bytes;
    }

    private static boolean isNotModifiedField(String name) {
        for (String field : NOT_MODIFIED_FIELDS) {
            if (field.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9111 §4.2.3: the age the service reported plus the time since the request was sent, in whole seconds. */
    long ageSeconds(long nowNanos) {
        return receivedAgeSeconds + Math.max(0, nowNanos - requestedAtNanos) / 1_000_000_000L;
    }

    boolean isFresh(long nowNanos) {
        return nowNanos - expiresAtNanos < 0;
    }

    String statusMessage() {
        return statusMessage;
    }

    String etag() {
        return etag;
    }

    Buffer body() {
        return body;
    }

    String contentLength() {
        return contentLength;
    }

    /** Adds the stored headers to {@code out} (the full answer's, or only those a 304 carries). */
    void addHeaders(MultiMap out, boolean notModified) {
        String[] n = notModified ? notModifiedNames : names;
        String[] v = notModified ? notModifiedValues : values;
        for (int i = 0; i < n.length; i++) {
            out.add(n[i], v[i]);
        }
    }

    @Override
    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    @Override
    public int weight() {
        return weight;
    }
}
