package dev.shop.admin.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.shop.admin.client.DownstreamReply;

/** Passes a downstream service's answer on as it came: status, media type, body, {@code Location}. */
final class Replies {

    private Replies() {
    }

    static Response passOn(DownstreamReply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status());
        if (reply.body() != null) {
            builder.entity(reply.body()).type(reply.contentType());
        }
        if (reply.location() != null) {
            builder.header(HttpHeaders.LOCATION, reply.location());
        }
        return builder.build();
    }
}
