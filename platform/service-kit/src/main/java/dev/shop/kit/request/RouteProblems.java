package dev.shop.kit.request;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.Problem;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a problem+json answer from an HTTP filter, before any REST resource runs (where {@code ProblemMapper} is not in
 * play). When the request may still carry an unread body the connection is closed after the answer, so the rest of the
 * body cannot be read as the next request.
 */
@ApplicationScoped
public class RouteProblems {

    private final ObjectMapper mapper;

    public RouteProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void send(HttpServerResponse response, Problem problem, boolean closeConnection) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        if (closeConnection) {
            response.putHeader("Connection", "close");
        }
        response.end(json(problem));
    }

    String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + problem.status() + "}";
        }
    }
}
