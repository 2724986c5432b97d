package dev.shop.admin.client;

/**
 * What a downstream service answered (any status below 500).
 *
 * @param status HTTP status
 * @param contentType its {@code Content-Type}, or null without a body
 * @param body the body as text, or null
 * @param location its {@code Location} header, if any
 */
public record DownstreamReply(int status, String contentType, String body, String location) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
