package dev.shop.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.MediaTypeSyntax;
import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/** The optional JSON body of a command that may come without one ({@code POST .../ack}, {@code .../block}). */
final class OptionalBody {

    private OptionalBody() {
    }

    /**
     * @return null for an empty body
     * @throws ProblemException 415 for a body not declared JSON, 400 for one that is not a JSON object like
     *         {@code example} (a body of {@code null} included)
     */
    static <T> T parse(ObjectMapper mapper, String rawBody, String contentType, Class<T> type, String example) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        if (contentType == null || MediaTypeSyntax.essence(contentType).filter(MediaTypeSyntax::isJson).isEmpty()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A request body must be sent as application/json");
        }
        T value;
        try {
            value = mapper.readValue(rawBody, type);
        } catch (JsonProcessingException e) {
            value = null;
        }
        if (value == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body must be a JSON object like " + example);
        }
        return value;
    }
}
