package dev.shop.kit.request;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.contracts.http.RequestIds;
import io.netty.handler.codec.TooLongFrameException;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;

/**
 * Answers requests the HTTP decoder could not read (a control character in a header value, a request line or headers
 * beyond the decoder's hard limits) with a problem+json body, where Vert.x would send a bare 400 / 414 / 431. Such a
 * request never reaches a route, so this is Vert.x' "invalid request handler", which Quarkus does not expose: it is
 * set on the servers Quarkus started, by reflection on Vert.x internals (pinned by the Quarkus BOM). Should those ever
 * change shape, a warning is logged and Vert.x' own bare answers remain; {@code HostileInputMappingTest} fails then.
 */
@ApplicationScoped
public class DecoderFailureAnswers {

    public static final String HEADERS_TOO_LARGE_TYPE = "/problems/headers-too-large";

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
        List<String> failures = install(vertx, this::answer);
        if (failures.isEmpty()) {
            Log.debug("Requests the HTTP decoder refuses are answered with problem+json");
        } else if (left > 1) {
            vertx.setTimer(RETRY_MILLIS, id -> attempt(vertx, left - 1));
        } else {
            Log.warnf("Requests the HTTP decoder refuses get Vert.x' bare answers (no problem body): %s", failures);
        }
    }

    /**
     * Sets {@code handler} as the invalid-request handler of every HTTP server deployed by Quarkus.
     *
     * @return what could not be done, empty when every server got the handler
     */
    public static List<String> install(Vertx vertx, Handler<HttpServerRequest> handler) {
        List<String> failures = new ArrayList<>();
        if (!(vertx instanceof VertxInternal internal)) {
            failures.add("not a VertxInternal");
            return failures;
        }
        int servers = 0;
        for (String id : vertx.deploymentIDs()) {
            Deployment deployment = internal.getDeployment(id);
            if (deployment == null) {
                continue;
            }
            for (Verticle verticle : deployment.getVerticles()) {
                for (String name : new String[] { "httpServer", "httpsServer" }) {
                    Field field = field(verticle.getClass(), name);
                    if (field == null) {
                        continue;
                    }
                    try {
                        Object server = field.get(verticle);
                        if (server == null) {
                            if (name.equals("httpServer")) {
                                failures.add(verticle.getClass().getName() + " has not created its server yet");
                            }
                            continue;
                        }
                        setOn(server, handler);
                        servers++;
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        failures.add(verticle.getClass().getName() + "." + name + ": " + e);
                    }
                }
            }
        }
        if (servers == 0 && failures.isEmpty()) {
            failures.add("no HTTP server found among the deployed verticles");
        }
        return failures;
    }

    /** server (HttpServerImpl) → childHandler (HttpServerWorker) → connectionHandler → invalidRequestHandler. */
    private static void setOn(Object server, Handler<HttpServerRequest> handler) throws ReflectiveOperationException {
        // The listen that already happened made one connection handler, which hands its invalid-request handler to
        // every new connection.
        Object worker = read(server, "childHandler");
        Object connectionHandler = read(worker, "connectionHandler");
        Field invalid = field(connectionHandler.getClass(), "invalidRequestHandler");
        if (invalid == null) {
            throw new NoSuchFieldException(connectionHandler.getClass().getName() + ".invalidRequestHandler");
        }
        invalid.set(connectionHandler, handler);
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        Field field = field(target.getClass(), name);
        if (field == null) {
            throw new NoSuchFieldException(target.getClass().getName() + "." + name);
        }
        Object value = field.get(target);
        if (value == null) {
            throw new IllegalStateException(target.getClass().getName() + "." + name + " is not set");
        }
        return value;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    private void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        Problem problem;
        String id = RequestIds.acceptOrCreate(null);
        if (cause instanceof TooLongFrameException && message.startsWith("An HTTP line is larger than")) {
            problem = new Problem(RequestHygiene.URI_TOO_LONG_TYPE, "Request URI too long", 414,
                    "The request line is longer than this server reads", "/", id, null, null);
        } else if (cause instanceof TooLongFrameException) {
            problem = new Problem(HEADERS_TOO_LARGE_TYPE, "Request headers too large", 431,
                    "The request headers are larger than this server reads", "/", id, null, null);
        } else {
            problem = Problem.of(ProblemType.MALFORMED_REQUEST,
                    "The request is not valid HTTP (e.g. a control character in a header value)", "/", id);
        }
        request.response().putHeader(RequestIds.HEADER, id);
        problems.send(request.response(), problem, true);
    }
}
