package dev.shop.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.contracts.http.RequestIds;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.RequestIdFilter;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Shapes what one service sees and turns a failed exchange into a problem answer. The request goes out with the path
 * the router matched (normalised), the request id and {@code X-Forwarded-*} set by the gateway; a service that cannot
 * be reached gives 503, one that does not answer in time 504, one that drops the exchange 502.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    private static final String X_FORWARDED_PREFIX = "x-forwarded-";
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private final UpstreamTarget target;
    private final ProblemResponses problems;

    ForwardingInterceptor(UpstreamTarget target, ProblemResponses problems) {
        this.target = target;
        this.problems = problems;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        RoutingContext rc = routingContext(request);
        String requestId = RequestIdFilter.requestId(rc);

        String query = rc.request().query();
        request.setURI(target.basePath() + rc.normalizedPath() + (query == null ? "" : "?" + query));
        rewriteHeaders(request.headers(), rc.request(), requestId);

        Body body = request.getBody();
        if (body != null) {
            request.setBody(Body.body(new EndNotifyingStream(body.stream(), () -> armResponseTimeout(context)),
                    body.length()));
        }

        return context.sendRequest()
                .recover(failure -> Future.succeededFuture(problemResponse(context, rc, requestId, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        removeHopByHop(headers);
        return context.sendResponse();
    }

    private static RoutingContext routingContext(ProxyRequest request) {
        if (request.proxiedRequest() instanceof WebServerRequest web) {
            return web.routingContext();
        }
        // Only if the proxy were mounted outside a Vert.x Web router: fail loudly rather than forward raw paths.
        throw new IllegalStateException("The proxy must be invoked with the request of a routing context");
    }

    private void rewriteHeaders(MultiMap headers, HttpServerRequest inbound, String requestId) {
        removeHopByHop(headers);
        // The gateway answered any 100-continue itself (quarkus.http.handle-100-continue-automatically).
        headers.remove(HttpHeaders.EXPECT);
        // Only the gateway speaks for the client: inbound forwarding headers could spoof its address.
        headers.remove("forwarded");
        List<String> forwarded = new ArrayList<>();
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(X_FORWARDED_PREFIX)) {
                forwarded.add(name);
            }
        }
        forwarded.forEach(headers::remove);

        SocketAddress client = inbound.remoteAddress();
        if (client != null && client.host() != null) {
            headers.set("X-Forwarded-For", client.host());
        }
        headers.set("X-Forwarded-Proto", inbound.scheme() == null ? "http" : inbound.scheme());
        HostAndPort authority = inbound.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host",
                    authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host());
        }
        headers.set(RequestIds.HEADER, requestId);
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

    private ProxyResponse problemResponse(ProxyContext context, RoutingContext rc, String requestId,
            Throwable failure) {
        Problem problem;
        if (failure instanceof UpstreamUnavailableException) {
            problem = problems.problem(rc, ProblemType.SERVICE_UNAVAILABLE, failure.getMessage());
        } else if (causedByTimeout(failure)) {
            problem = problems.problem(rc, ProblemType.GATEWAY_TIMEOUT,
                    target.name() + " service did not answer within " + target.timeoutText());
        } else {
            problem = problems.problem(rc, ProblemType.BAD_GATEWAY,
                    target.name() + " service closed the connection without a valid answer");
        }
        if (rc.request().response().closed()) {
            Log.debugf("Client went away during %s %s [%s]: %s", rc.request().method(), rc.normalizedPath(),
                    requestId, failure.toString());
        } else {
            Log.warnf("%s %s -> %s: %d (%s) [%s]", rc.request().method(), rc.normalizedPath(), target.name(),
                    problem.status(), rootMessage(failure), requestId);
        }
        return context.request().release().response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problems.body(problem)));
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
