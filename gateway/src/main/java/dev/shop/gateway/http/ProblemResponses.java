package dev.shop.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes the gateway's own error answers as RFC 9457 {@code application/problem+json}. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
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
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // Too late for a clean answer: cut the connection rather than append an error to a partial body.
            response.reset();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(problem));
    }

    public void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, problem(rc, type, detail));
    }
}
