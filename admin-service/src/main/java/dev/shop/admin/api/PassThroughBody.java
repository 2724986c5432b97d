package dev.shop.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/**
 * The body of a command passed through to another service. It goes on as it came, but only when it is one JSON object
 * (what every one of those endpoints takes), read with the strict mapper: a body the owning service would read
 * differently from the audit log (a field given twice, content after the value) or not as JSON at all never leaves
 * admin-service.
 */
final class PassThroughBody {

    private PassThroughBody() {
    }

    /**
     * @return the body, unchanged (null or blank stays so: the owning service says whether one is needed)
     * @throws ProblemException 400 for a body that is not a single well-formed JSON object
     */
    static String requireObject(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return body;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be one JSON object");
        }
        return body;
    }
}
