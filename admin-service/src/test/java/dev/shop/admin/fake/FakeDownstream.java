package dev.shop.admin.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The state of the fake auth, catalog and order services that the test application serves on its own port: how each
 * behaves (answering, answering 503, hanging up, answering too late) and every call it received.
 */
@ApplicationScoped
public class FakeDownstream {

    public static final String AUTH = "auth";
    public static final String CATALOG = "catalog";
    public static final String ORDERS = "orders";

    public enum Mode {
        /** Answers normally. */
        UP,
        /** Answers 503 problem+json. */
        UNAVAILABLE,
        /** Closes the connection without answering, as a crashed service would. */
        DOWN,
        /** Answers after 20 s, far beyond the client's 4 s timeout in tests. */
        SLOW
    }

    /** One call a fake received. */
    public record Call(String service, String method, String path, String authorization, String requestId,
            String contentType, String body) {
    }

    /** A scripted answer of the catalog or order fake. */
    public record Reply(int status, String contentType, String body) {
    }

    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> scripted = new ConcurrentHashMap<>();

    public void reset() {
        modes.clear();
        calls.clear();
        scripted.clear();
    }

    public void mode(String service, Mode mode) {
        modes.put(service, mode);
    }

    /** The next answers of {@code service} are {@code reply} (until reset). */
    public void answer(String service, Reply reply) {
        scripted.put(service, reply);
    }

    public Reply scripted(String service) {
        return scripted.get(service);
    }

    public List<Call> calls(String service) {
        return calls.stream().filter(c -> c.service().equals(service)).toList();
    }

    public List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    /** Records the call, then answers as the service's mode says, or with {@code normal}. */
    Uni<Response> handle(String service, HttpServerRequest request, String body, Uni<Response> normal) {
        calls.add(new Call(service, request.method().name(), request.path(), request.getHeader("Authorization"),
                request.getHeader("X-Request-Id"), request.getHeader("Content-Type"), body));
        return switch (modes.getOrDefault(service, Mode.UP)) {
            case UP -> normal;
            case UNAVAILABLE -> Uni.createFrom().item(Response.status(503).type("application/problem+json")
                    .entity("{\"type\":\"/problems/service-unavailable\",\"title\":\"Service unavailable\","
                            + "\"status\":503,\"detail\":\"fake " + service + " is down for maintenance\"}")
                    .build());
            case DOWN -> {
                request.connection().close();
                yield Uni.createFrom().nothing();
            }
            case SLOW -> normal.onItem().delayIt().by(Duration.ofSeconds(20));
        };
    }
}
