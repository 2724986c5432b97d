package dev.shop.admin.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a downstream service on behalf of an admin.
 *
 * @param method HTTP method
 * @param path path template relative to the service's base URL, e.g. {@code /api/v1/products/{id}}
 * @param pathParams values of the template's parameters (each encoded as one path segment)
 * @param contentType media type of {@code body}
 * @param body the request body, or null for none
 * @param credentials whose token the call carries
 */
public record DownstreamRequest(String method, String path, Map<String, String> pathParams, String contentType,
        String body, Credentials credentials) {

    /**
     * The admin's {@code Authorization} header value and the request id, forwarded as they came.
     *
     * @param authorization e.g. {@code Bearer eyJ...}
     * @param requestId the {@code X-Request-Id} of the admin's request
     */
    public record Credentials(String authorization, String requestId) {
    }

    public DownstreamRequest {
        pathParams = Map.copyOf(pathParams);
    }

    public static DownstreamRequest of(String method, String path, Credentials credentials, String... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("path parameters come in name/value pairs");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            values.put(params[i], params[i + 1]);
        }
        return new DownstreamRequest(method, path, values, null, null, credentials);
    }

    public DownstreamRequest withBody(String mediaType, String json) {
        return new DownstreamRequest(method, path, pathParams, mediaType, json, credentials);
    }
}
