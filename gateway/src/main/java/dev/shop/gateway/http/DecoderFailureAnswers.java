package dev.shop.gateway.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import dev.shop.contracts.http.DecoderFailures;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.RequestIds;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (a control character in a header value, a request line or headers beyond
 * {@code quarkus.http.limits.*}) get a problem+json answer with a request id and the security headers, like every
 * other refusal of the gateway, instead of Vert.x' empty 400 / 414 / 431 ({@link DecoderFailures} explains the hook).
 */
@ApplicationScoped
public class DecoderFailureAnswers {

    private static final int ATTEMPTS = 50;
    private static final long RETRY_MILLIS = 100;

    private final ProblemResponses problems;

    public DecoderFailureAnswers(ProblemResponses problems) {
        this.problems = problems;
    }

    void onStart(@ObservesAsync HttpServerStart start, Vertx vertx) {
        attempt(vertx, ATTEMPTS);
    }

    private void attempt(Vertx vertx, int left) {
        List<String> failures = DecoderFailures.install(vertx, this::answer);
        if (failures.isEmpty()) {
            Log.debug("Requests the HTTP decoder refuses are answered with problem+json");
        } else if (left > 1) {
            vertx.setTimer(RETRY_MILLIS, id -> attempt(vertx, left - 1));
        } else {
            Log.warnf("Requests the HTTP decoder refuses get Vert.x' bare answers (no problem body): %s", failures);
        }
    }

    private void answer(HttpServerRequest request) {
        String id = RequestIds.acceptOrCreate(null);
        Problem problem = DecoderFailures.problemFor(request.decoderResult().cause(), id);
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, id)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problems.body(problem));
    }
}
