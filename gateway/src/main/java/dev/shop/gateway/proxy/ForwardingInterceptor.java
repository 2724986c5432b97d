package dev.shop.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.contracts.http.RequestIds;
import dev.shop.gateway.http.ClientAddresses;
import dev.shop.gateway.http.Exchange;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.RequestIdFilter;
import dev.shop.gateway.metrics.RouteMetrics;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
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

    private static final String TOO_LARGE = "shop.gateway.body-too-large";
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private final UpstreamTarget target;
    private final ProblemResponses problems;
    private final TypedGuard<CompletionStage<ProxyResponse>> guard;
    private final RouteMetrics metrics;
    private final List<String> strippedNames;
    private final List<String> strippedPrefixes;
    private final long maxBodySize;
    private final long openCircuitRetryAfter;

    ForwardingInterceptor(UpstreamTarget target, ProblemResponses problems,
            TypedGuard<CompletionStage<ProxyResponse>> guard, RouteMetrics metrics, List<String> strippedHeaders,
            long maxBodySize, long openCircuitRetryAfter) {
        this.target = target;
        this.problems = problems;
        this.guard = guard;
        this.metrics = metrics;
        this.strippedNames = new ArrayList<>();
        this.strippedPrefixes = new ArrayList<>();
        for (String header : strippedHeaders) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            if (h.endsWith("-")) {
                strippedPrefixes.add(h);
            } else if (!h.isEmpty()) {
                strippedNames.add(h);
            }
        }
        this.maxBodySize = maxBodySize;
        this.openCircuitRetryAfter = openCircuitRetryAfter;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        RoutingContext rc = routingContext(request);
        String requestId = RequestIdFilter.requestId(rc);

        String query = rc.request().query();
        request.setURI(target.basePath() + Exchange.forwardPath(rc) + (query == null ? "" : "?" + query));
        rewriteHeaders(request.headers(), rc, requestId);

        Body body = request.getBody();
        if (body != null) {
            request.setBody(Body.body(new GuardedBodyStream(body.stream(), maxBodySize,
                    () -> armResponseTimeout(context), () -> context.set(TOO_LARGE, Boolean.TRUE)), body.length()));
        }

        Context vertxContext = Vertx.currentContext();
        CompletionStage<ProxyResponse> exchange = guard.get(() -> context.sendRequest()
                .recover(failure -> Future.failedFuture(classify(context, rc, failure)))
                .toCompletionStage());
        return Future.fromCompletionStage(exchange, vertxContext)
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
        HttpServerRequest inbound = rc.request();
        removeHopByHop(headers);
        // The gateway answered any 100-continue itself (quarkus.http.handle-100-continue-automatically).
        headers.remove(HttpHeaders.EXPECT);
        // Only the gateway speaks for the client: inbound forwarding or identity headers could spoof it.
        List<String> stripped = new ArrayList<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (strippedNames.contains(lower) || strippedPrefixes.stream().anyMatch(lower::startsWith)) {
                stripped.add(name);
            }
        }
        stripped.forEach(headers::remove);

        ClientAddresses.Client client = Exchange.client(rc);
        // One entry, the address the gateway resolved: a service must never see (and believe) what a client wrote.
        headers.set("X-Forwarded-For", client.ip());
        headers.set("X-Forwarded-Proto", client.https() ? "https" : "http");
        HostAndPort authority = inbound.authority();
        String host = client.forwardedHost().orElse(authority == null ? null
                : authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host());
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        // Without the port, a service behind the gateway builds absolute URLs (Location) on the scheme's default port.
        headers.set("X-Forwarded-Port", forwardedPort(host, client.https()));
        headers.set(RequestIds.HEADER, requestId);
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
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.strip();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
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
        } else if (causedBy(failure, CircuitBreakerOpenException.class)) {
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
