package dev.shop.gateway.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes the gateway's own error answers as RFC 9457 {@code application/problem+json}. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final long discardTimeoutMillis;

    public ProblemResponses(ObjectMapper mapper, Vertx vertx, GatewayConfig config) {
        this.mapper = mapper;
        this.vertx = vertx;
        this.discardTimeoutMillis = Math.max(1, config.discardBodyTimeout().toMillis());
    }

    /** A problem about the request in {@code rc}, quoting its request id as the trace id. */
    public Problem problem(RoutingContext rc, ProblemType type, String detail) {
        return Problem.of(type, detail, rc.normalizedPath(), RequestIdFilter.requestId(rc));
    }

    public Buffer body(Problem problem) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            // A record of strings and numbers always serialises; failing here is a programming error.
            throw new IllegalStateException("Cannot serialise problem " + problem.type(), e);
        }
    }

    /** Ends the response with {@code problem}, unless something has already been sent. */
    public void send(RoutingContext rc, Problem problem) {
        send(rc, problem, Map.of());
    }

    /** Ends the response with {@code problem} and the extra {@code headers}, unless something has been sent. */
    public void send(RoutingContext rc, Problem problem, Map<String, String> headers) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // Too late for a clean answer: cut the connection rather than append an error to a partial body.
            response.reset();
            return;
        }
        discardUnreadBody(rc.request());
        response.setStatusCode(problem.status());
        headers.forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body(problem));
    }

    public void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, problem(rc, type, detail));
    }

    /**
     * A request answered without reading its body (401, 404, 413...) would leave the body unread and the connection
     * stuck: read and drop it, so the client can send all of it and then read the answer on a connection that stays
     * usable. A client still sending after {@code discard-body-timeout} has its connection closed.
     */
    public void discardUnreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        request.handler(buffer -> {
        });
        request.resume();
        long timer = vertx.setTimer(discardTimeoutMillis, id -> {
            if (!request.isEnded()) {
                request.connection().close();
            }
        });
        request.endHandler(v -> vertx.cancelTimer(timer));
    }
}
