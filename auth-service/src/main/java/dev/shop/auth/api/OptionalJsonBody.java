package dev.shop.auth.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/**
 * Reads the JSON body of endpoints where a body is optional (refresh and logout carry the refresh token in a cookie for
 * browsers and in the body for mobile clients; a block may give a reason). Declaring a typed body would make body-less
 * calls a 415.
 */
@ApplicationScoped
public class OptionalJsonBody {

    private static final int MAX_LENGTH = 8 * 1024;

    private final ObjectMapper mapper;

    public OptionalJsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @return null for an empty body
     * @throws ProblemException 400 for a body that is not the expected JSON object
     */
    public <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (body.length() > MAX_LENGTH) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is too long");
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body must be a JSON object with string fields");
        }
    }
}
