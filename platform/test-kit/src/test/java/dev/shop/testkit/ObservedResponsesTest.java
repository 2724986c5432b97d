package dev.shop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.testkit.ObservedResponses.Observed;

class ObservedResponsesTest {

    private static final int PORT = 8081;
    private static final String PROBLEM = "application/problem+json";

    private final ApiDocument document = ApiDocument.of(json("""
            {"openapi": "3.1.0", "info": {"x-shop-conventions": true}, "paths": {
              "/api/v1/widgets": {"post": {"responses": {"201": {}, "400": {}}}},
              "/api/v1/widgets/{id}": {"get": {"responses": {"200": {}, "4XX": {}}}},
              "/api/v1/widgets/mine": {"get": {"responses": {"200": {}}}}}}
            """));

    @Test
    void documentedAnswersPass() {
        assertThat(ObservedResponses.check(document, List.of(
                new Observed("POST", "/api/v1/widgets", PORT, 201, "application/json", null),
                new Observed("POST", "/api/v1/widgets", PORT, 400, PROBLEM, "/problems/validation"),
                new Observed("GET", "/api/v1/widgets/42", PORT, 404, PROBLEM, "/problems/not-found")), PORT))
                .isEmpty();
    }

    @Test
    void aStatusTheOperationDoesNotDocumentIsReported() {
        assertThat(ObservedResponses.check(document, List.of(
                new Observed("POST", "/api/v1/widgets", PORT, 200, "application/json", null),
                new Observed("GET", "/api/v1/widgets/mine", PORT, 404, PROBLEM, "/problems/not-found")), PORT))
                .containsExactly("GET /api/v1/widgets/mine answered 404, which it does not document",
                        "POST /api/v1/widgets answered 200, which it does not document");
    }

    @Test
    void anErrorThatIsNotAProblemOrHasAnUnknownTypeIsReported() {
        assertThat(ObservedResponses.check(document, List.of(
                new Observed("POST", "/api/v1/widgets", PORT, 400, "text/html", null),
                new Observed("GET", "/api/v1/widgets/7", PORT, 409, PROBLEM, "/problems/made-up")), PORT))
                .containsExactlyInAnyOrder(
                        "POST /api/v1/widgets answered 400 as text/html, not application/problem+json",
                        "GET /api/v1/widgets/{id} answered 409 with problem type /problems/made-up, which "
                                + "dev.shop.contracts.http.ProblemCatalogue does not list");
    }

    @Test
    void callsToOtherPortsOrUnlistedPathsAreNotOperations() {
        assertThat(ObservedResponses.check(document, List.of(
                new Observed("POST", "/api/v1/widgets", 9081, 500, "text/plain", null),
                new Observed("DELETE", "/api/v1/widgets/1", PORT, 405, PROBLEM, "/problems/method-not-allowed"),
                new Observed("GET", "/elsewhere", PORT, 404, "text/plain", null)), PORT))
                .isEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
