package dev.shop.auth.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.MediaTypeSyntax;
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
     * @throws ProblemException 415 for a body that is not declared JSON, 400 for one that is not the expected JSON
     *         object (the strict reading of the service kit applies: no duplicate fields, no coerced types)
     */
    public <T> T parse(String body, String contentType, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType == null || MediaTypeSyntax.essence(contentType).filter(MediaTypeSyntax::isJson).isEmpty()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A request body must be sent as application/json");
        }
        if (body.length() > MAX_LENGTH) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is too long");
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body must be a JSON object with string fields");
        }
        if (value == null) {
            // a body that says "null" is not the absence of a body
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        return value;
    }
}
