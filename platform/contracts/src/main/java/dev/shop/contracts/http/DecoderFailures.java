package dev.shop.contracts.http;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;

/**
 * Requests the HTTP decoder could not read (a control character in a header value, a request line or headers beyond
 * the decoder's hard limits) never reach a route; Vert.x answers them itself with an empty 400 / 414 / 431. Its hook
 * for them, the server's "invalid request handler", is not exposed by Quarkus, so {@link #install} sets it on the HTTP
 * servers Quarkus deployed, by reflection on Vert.x internals (the version the Quarkus BOM pins). If those ever change
 * shape, {@link #install} reports what it could not do and Vert.x' bare answers remain; the services' and the gateway's
 * hostile-input tests then fail.
 */
public final class DecoderFailures {

    public static final String URI_TOO_LONG_TYPE = "/problems/uri-too-long";
    public static final String HEADERS_TOO_LARGE_TYPE = "/problems/headers-too-large";

    private DecoderFailures() {
    }

    /** The problem for a request the decoder refused, by the decoder's reason. */
    public static Problem problemFor(Throwable cause, String requestId) {
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof TooLongFrameException && message.startsWith("An HTTP line is larger than")) {
            return new Problem(URI_TOO_LONG_TYPE, "Request URI too long", 414,
                    "The request line is longer than this server reads", "/", requestId, null, null);
        }
        if (cause instanceof TooLongFrameException) {
            return new Problem(HEADERS_TOO_LARGE_TYPE, "Request headers too large", 431,
                    "The request headers are larger than this server reads", "/", requestId, null, null);
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST,
                "The request is not valid HTTP (e.g. a control character in a header value)", "/", requestId);
    }

    /**
     * Sets {@code handler} as the invalid-request handler of every HTTP server deployed by Quarkus (every event loop's
     * instance, main and TLS port).
     *
     * @return what could not be done; empty when every server got the handler
     */
    public static List<String> install(Vertx vertx, Handler<HttpServerRequest> handler) {
        List<String> failures = new ArrayList<>();
        if (!(vertx instanceof VertxInternal internal)) {
            failures.add("not a VertxInternal: " + vertx.getClass().getName());
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

    /**
     * server (HttpServerImpl) → childHandler (the HttpServerWorker its listen made) → connectionHandler, which hands
     * its invalid-request handler to every new connection.
     */
    private static void setOn(Object server, Handler<HttpServerRequest> handler) throws ReflectiveOperationException {
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
            throw new IllegalStateException(target.getClass().getName() + "." + name + " is not set yet");
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
}
