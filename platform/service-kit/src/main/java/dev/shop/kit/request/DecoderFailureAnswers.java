package dev.shop.kit.request;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import dev.shop.contracts.http.DecoderFailures;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.RequestIds;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder could not read (a control character in a header value, a request line or headers
 * beyond the decoder's hard limits) with a problem+json body and a request id, where Vert.x would send a bare 400 /
 * 414 / 431 ({@link DecoderFailures} explains how it is hooked in).
 */
@ApplicationScoped
public class DecoderFailureAnswers {

    private static final int ATTEMPTS = 50;
    private static final long RETRY_MILLIS = 100;

    private final RouteProblems problems;

    public DecoderFailureAnswers(RouteProblems problems) {
        this.problems = problems;
    }

    /** Installed once the HTTP servers listen; servers of event loops still starting are retried shortly. */
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
        request.response().putHeader(RequestIds.HEADER, id);
        problems.send(request.response(), problem, true);
    }
}
