package dev.shop.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.contracts.http.RequestIds;
import dev.shop.gateway.http.ClientAddresses;
import dev.shop.gateway.http.Exchange;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.RequestIdFilter;
import dev.shop.gateway.metrics.RouteMetrics;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Shapes what one service sees and turns a failed exchange into a problem answer. The request goes out with the path
 * the policy table chose (normalised, or an alias' target), the request id and {@code X-Forwarded-*} set by the
 * gateway, inbound internal headers removed. The exchange runs through the service's circuit breaker. A service that
 * cannot be reached (or whose circuit is open) gives 503, one that does not answer in time 504, one that drops the
 * exchange 502; a streamed body over the limit 413. A 5xx answer that is not a problem document is replaced by a
 * generic problem, so no stack trace or error page of a service reaches a client.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    /** The exchange was refused because the service's circuit is open. */
    static final class CircuitOpenException extends RuntimeException {
        CircuitOpenException() {
            super("circuit open", null, false, false);
        }
    }

    private static final String TOO_LARGE = "shop.gateway.body-too-large";
    private static final String[] HOP_BY_HOP = { "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade" };
    private static final String[] NO_PREFIXES = {};
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence X_FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(RequestIds.HEADER);
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");

    private final UpstreamTarget target;
    private final ProblemResponses problems;
    private final CircuitBreaker breaker;
    private final RouteMetrics metrics;
    /** Hop-by-hop headers, Expect and the stripped names, lower case. */
    private final String[] requestRemovedNames;
    private final String[] strippedPrefixes;
    private final long maxBodySize;
    private final long openCircuitRetryAfter;

    ForwardingInterceptor(UpstreamTarget target, ProblemResponses problems, CircuitBreaker breaker,
            RouteMetrics metrics, List<String> strippedHeaders, long maxBodySize, long openCircuitRetryAfter) {
        this.target = target;
        this.problems = problems;
        this.breaker = breaker;
        this.metrics = metrics;
        List<String> names = new ArrayList<>(List.of(HOP_BY_HOP));
        names.add("expect");
        List<String> prefixes = new ArrayList<>();
        for (String header : strippedHeaders) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            if (h.endsWith("-")) {
                prefixes.add(h);
            } else if (!h.isEmpty()) {
                names.add(h);
            }
        }
        this.requestRemovedNames = names.toArray(String[]::new);
        this.strippedPrefixes = prefixes.toArray(String[]::new);
        this.maxBodySize = maxBodySize;
        this.openCircuitRetryAfter = openCircuitRetryAfter;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        RoutingContext rc = routingContext(request);
        String requestId = RequestIdFilter.requestId(rc);
        if (!breaker.tryAcquire()) {
            return Future.succeededFuture(problemResponse(context, rc, requestId, new CircuitOpenException()));
        }

        String query = rc.request().query();
        String path = Exchange.forwardPath(rc);
        request.setURI(target.basePath().isEmpty() && query == null ? path
                : target.basePath() + path + (query == null ? "" : "?" + query));
        rewriteHeaders(request.headers(), rc, requestId);

        Body body = request.getBody();
        if (body != null) {
            request.setBody(Body.body(new GuardedBodyStream(body.stream(), maxBodySize,
                    () -> armResponseTimeout(context), () -> context.set(TOO_LARGE, Boolean.TRUE)), body.length()));
        }

        return context.sendRequest()
                .recover(failure -> Future.failedFuture(classify(context, rc, failure)))
                .andThen(outcome -> {
                    // What the client caused is not held against the service.
                    if (outcome.succeeded() || outcome.cause() instanceof ClientSideFailure) {
                        breaker.onSuccess();
                    } else {
                        breaker.onFailure();
                    }
                })
                .recover(failure -> Future.succeededFuture(problemResponse(context, rc, requestId, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        removeHopByHop(response.headers());
        int status = response.getStatusCode();
        if (status >= 500 && !isProblemJson(response.headers().get(HttpHeaders.CONTENT_TYPE))) {
            RoutingContext rc = routingContext(context.request());
            String retryAfter = response.headers().get(HttpHeaders.RETRY_AFTER);
            Log.warnf("%s %s -> %s answered %d with %s; replaced by a problem [%s]", rc.request().method(),
                    rc.normalizedPath(), target.name(), status, response.headers().get(HttpHeaders.CONTENT_TYPE),
                    RequestIdFilter.requestId(rc));
            ProblemType type = ProblemType.forStatus(status);
            Problem problem = new Problem(type.uri(), type.title(), status,
                    target.name() + " service failed to handle the request", rc.normalizedPath(),
                    RequestIdFilter.requestId(rc), null, null);
            // Drops the service's body (read and discarded, so its connection goes back to the pool).
            response.release().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setBody(Body.body(problems.body(problem)));
            if (retryAfter != null) {
                response.putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            }
        }
        return context.sendResponse();
    }

    private static boolean isProblemJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Problem.MEDIA_TYPE);
    }

    private static RoutingContext routingContext(ProxyRequest request) {
        if (request.proxiedRequest() instanceof WebServerRequest web) {
            return web.routingContext();
        }
        // Only if the proxy were mounted outside a Vert.x Web router: fail loudly rather than forward raw paths.
        throw new IllegalStateException("The proxy must be invoked with the request of a routing context");
    }

    private void rewriteHeaders(MultiMap headers, RoutingContext rc, String requestId) {
        // Hop-by-hop headers, Expect (the gateway answered any 100-continue itself:
        // quarkus.http.handle-100-continue-automatically) and what only the gateway may say for the client (inbound
        // forwarding or identity headers could spoof it). One pass over the headers, no copies of their names.
        remove(headers, requestRemovedNames, strippedPrefixes);

        ClientAddresses.Client client = Exchange.client(rc);
        // One entry, the address the gateway resolved: a service must never see (and believe) what a client wrote.
        headers.set(X_FORWARDED_FOR, client.ip());
        headers.set(X_FORWARDED_PROTO, client.https() ? HTTPS : HTTP);
        String host = Exchange.forwardedHost(rc);
        if (host != null) {
            headers.set(X_FORWARDED_HOST, host);
        }
        // Without the port, a service behind the gateway builds absolute URLs (Location) on the scheme's default port.
        headers.set(X_FORWARDED_PORT, forwardedPort(host, client.https()));
        headers.set(REQUEST_ID, requestId);
    }

    /** The port of {@code host} ("name:port" or "[v6]:port"), else the scheme's default. */
    static String forwardedPort(String host, boolean https) {
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > host.lastIndexOf(']') && colon < host.length() - 1) {
                String port = host.substring(colon + 1);
                if (port.chars().allMatch(Character::isDigit)) {
                    return port;
                }
            }
        }
        return https ? "443" : "80";
    }

    /** Removes hop-by-hop headers, including those the sender listed in its {@code Connection} header. */
    private static void removeHopByHop(MultiMap headers) {
        remove(headers, HOP_BY_HOP, NO_PREFIXES);
    }

    /**
     * Removes the headers named in {@code names} or starting with one of {@code prefixes} (lower case, compared
     * ignoring case), and the ones a {@code Connection} header lists.
     */
    private static void remove(MultiMap headers, String[] names, String[] prefixes) {
        List<String> doomed = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("connection")) {
                for (String token : header.getValue().split(",")) {
                    String listed = token.strip();
                    if (!listed.isEmpty()) {
                        doomed = add(doomed, listed);
                    }
                }
            }
            if (matches(name, names, prefixes)) {
                doomed = add(doomed, name);
            }
        }
        if (doomed != null) {
            doomed.forEach(headers::remove);
        }
    }

    private static boolean matches(String name, String[] names, String[] prefixes) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        for (String prefix : prefixes) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> add(List<String> list, String name) {
        List<String> target = list == null ? new ArrayList<>(4) : list;
        target.add(name);
        return target;
    }

    private void armResponseTimeout(ProxyContext context) {
        HttpClientRequest request = context.get(UpstreamOrigin.CLIENT_REQUEST, HttpClientRequest.class);
        // Once the response has begun the timer must not run: firing it would reset a response being streamed.
        if (request != null && !request.response().isComplete()) {
            request.idleTimeout(target.timeout().toMillis());
        }
    }

    /** Failures caused by the client are marked so the circuit breaker does not hold them against the service. */
    private static Throwable classify(ProxyContext context, RoutingContext rc, Throwable failure) {
        if (Boolean.TRUE.equals(context.get(TOO_LARGE, Boolean.class))) {
            return new ClientSideFailure(ClientSideFailure.Kind.BODY_TOO_LARGE, failure);
        }
        if (rc.request().response().closed()) {
            return new ClientSideFailure(ClientSideFailure.Kind.CLIENT_GONE, failure);
        }
        return failure;
    }

    private ProxyResponse problemResponse(ProxyContext context, RoutingContext rc, String requestId,
            Throwable failure) {
        Problem problem;
        String retryAfter = null;
        ClientSideFailure client = find(failure, ClientSideFailure.class);
        if (client != null && client.kind() == ClientSideFailure.Kind.BODY_TOO_LARGE) {
            problem = problems.problem(rc, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + (maxBodySize / (1024 * 1024)) + " MB");
        } else if (causedBy(failure, CircuitOpenException.class)) {
            metrics.shortCircuited(target.name());
            problem = problems.problem(rc, ProblemType.SERVICE_UNAVAILABLE, target.name() + " service is unavailable");
            retryAfter = Long.toString(openCircuitRetryAfter);
        } else if (causedBy(failure, UpstreamUnavailableException.class)) {
            problem = problems.problem(rc, ProblemType.SERVICE_UNAVAILABLE, target.name() + " service is unavailable");
        } else if (causedBy(failure, TimeoutException.class)) {
            problem = problems.problem(rc, ProblemType.GATEWAY_TIMEOUT,
                    target.name() + " service did not answer within " + target.timeoutText());
        } else {
            problem = problems.problem(rc, ProblemType.BAD_GATEWAY,
                    target.name() + " service closed the connection without a valid answer");
        }
        if (rc.request().response().closed() || client != null || retryAfter != null) {
            // The client's doing, or an open circuit (its state changes are logged): not worth a warning each.
            Log.debugf("%s %s -> %s: %d (%s) [%s]", rc.request().method(), rc.normalizedPath(), target.name(),
                    problem.status(), rootMessage(failure), requestId);
        } else {
            Log.warnf("%s %s -> %s: %d (%s) [%s]", rc.request().method(), rc.normalizedPath(), target.name(),
                    problem.status(), rootMessage(failure), requestId);
        }
        ProxyResponse response = context.request().release().response();
        problems.discardUnreadBody(rc.request());
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problems.body(problem)));
        if (retryAfter != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
