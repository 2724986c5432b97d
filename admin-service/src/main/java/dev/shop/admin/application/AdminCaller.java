package dev.shop.admin.application;

import dev.shop.admin.client.DownstreamRequest;

/**
 * The admin making a request, as the API layer saw it: the token's subject, the {@code Authorization} header to
 * forward, the request id and the client's address.
 */
public record AdminCaller(String id, String authorization, String requestId, String clientAddress) {

    public DownstreamRequest.Credentials credentials() {
        return new DownstreamRequest.Credentials(authorization, requestId);
    }
}
