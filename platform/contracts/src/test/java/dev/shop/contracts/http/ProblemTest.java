package dev.shop.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.events.EventJson;

class ProblemTest {

    private final ObjectMapper mapper = EventJson.mapper();

    @Test
    void validationProblemMatchesGoldenSample() throws Exception {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/problem-validation.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Problem problem = Problem.of(ProblemType.VALIDATION, "2 fields are invalid", "/api/v1/auth/register",
                "req-7f3a9c2e41d0")
                .withViolations(List.of(new Problem.Violation("username", "size must be between 3 and 30"),
                        new Problem.Violation("phoneNumber", "must not be blank")));

        assertThat(mapper.readTree(mapper.writeValueAsString(problem))).isEqualTo(mapper.readTree(golden));
        assertThat(mapper.readValue(golden, Problem.class)).isEqualTo(problem);
    }

    @Test
    void absentExtensionsAreOmitted() throws Exception {
        String json = mapper.writeValueAsString(Problem.of(ProblemType.NOT_FOUND, "no such product", "/p", "t-12345678"));

        assertThat(json).doesNotContain("violations").doesNotContain("retryAfterSeconds");
    }

    @Test
    void statusMapsToCommonType() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(ProblemType.forStatus(599)).isEqualTo(ProblemType.INTERNAL);
    }

    @Test
    void requestIdsRejectUnsafeValues() {
        assertThat(RequestIds.isAcceptable("abc-123_45.6:7")).isTrue();
        assertThat(RequestIds.isAcceptable("bad\r\nX-Injected: 1")).isFalse();
        assertThat(RequestIds.isAcceptable("short")).isFalse();
        assertThat(RequestIds.acceptOrCreate(null)).hasSize(36);
    }
}
