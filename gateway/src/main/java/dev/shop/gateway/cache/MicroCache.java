package dev.shop.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.shop.contracts.http.EntityTags;
import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.http.EdgeHeadersFilter;
import dev.shop.gateway.http.Exchange;
import dev.shop.gateway.metrics.RouteMetrics;
import dev.shop.gateway.metrics.RouteMetrics.CacheResult;
import dev.shop.gateway.policy.Access;
import dev.shop.gateway.policy.RoutePolicy;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * A short, bounded, shared cache of public GET answers in front of the upstream proxy. It saves only the call to the
 * service: the edge filters, the policy table, the access rule and the rate limit run for every request first, and
 * the gateway's own headers (request id, rate limit, security, CORS) are added to a cached answer as to any other.
 * <p>
 * Strict by design (RFC 9111 for a shared cache, reduced to what the shop needs):
 * <ul>
 * <li>only {@code GET} (and {@code HEAD} answered from a stored {@code GET}) on public routes, from requests without
 * {@code Authorization}, without any {@code Cookie}, without a body, range or precondition other than
 * {@code If-None-Match}; a client's {@code Cache-Control} / {@code Pragma} skips the stored answer (a reload gets a
 * fresh one, which is stored unless the client said {@code no-store});</li>
 * <li>only {@code 200} answers with {@code Cache-Control: public} and a positive {@code s-maxage} or
 * {@code max-age}, never {@code private}, {@code no-store}, {@code no-cache}, {@code Set-Cookie}, {@code Warning},
 * {@code Vary: *} or a {@code Vary} on a header the gateway rewrites;</li>
 * <li>kept for {@code min(s-maxage or max-age - Age, ttl)}, counted from when the request went to the service; a cached
 * answer carries its {@code Age};</li>
 * <li>keyed by the scheme, host, forwarded path and query string as sent, plus the values of the request headers the
 * answer's {@code Vary} names ({@code Accept-Encoding} too when the answer has a {@code Content-Encoding});</li>
 * <li>a matching {@code If-None-Match} gets a 304 from the cache;</li>
 * <li>bounded by total bytes and by the size of one answer (larger ones are proxied, not kept).</li>
 * </ul>
 */
@ApplicationScoped
public class MicroCache {

    private static final String CANDIDATE = "shop.gateway.micro-cache.candidate";
    private static final CharSequence AUTHORIZATION = HttpHeaders.AUTHORIZATION;
    private static final CharSequence COOKIE = HttpHeaders.COOKIE;
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.CONTENT_LENGTH;
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.TRANSFER_ENCODING;
    private static final CharSequence RANGE = HttpHeaders.createOptimized("Range");
    private static final CharSequence IF_RANGE = HttpHeaders.createOptimized("If-Range");
    private static final CharSequence IF_MATCH = HttpHeaders.IF_MATCH;
    private static final CharSequence IF_UNMODIFIED_SINCE = HttpHeaders.createOptimized("If-Unmodified-Since");
    private static final CharSequence IF_MODIFIED_SINCE = HttpHeaders.IF_MODIFIED_SINCE;
    private static final CharSequence IF_NONE_MATCH = HttpHeaders.IF_NONE_MATCH;
    private static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
    private static final CharSequence PRAGMA = HttpHeaders.createOptimized("Pragma");
    private static final CharSequence AGE = HttpHeaders.createOptimized("Age");
    private static final CharSequence VARY = HttpHeaders.VARY;
    private static final CharSequence DATE = HttpHeaders.DATE;
    /** Headers the gateway sets or removes on the way to a service: an answer varying on them cannot be keyed. */
    private static final List<String> REWRITTEN = List.of("x-request-id", "forwarded", "x-forwarded-", "connection",
            "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "expect");
    /** Response headers not stored: the cache writes its own framing and age, and takes {@code Date} as sent. */
    private static final List<String> NOT_STORED = List.of("content-length", "transfer-encoding", "age", "date");

    /** What a request may do with the cache. */
    private enum Use {
        /** Answer from the cache if a fresh answer is stored, else store the service's. */
        LOOKUP,
        /** Do not answer from the cache (the client asked for a fresh answer), but store the service's. */
        REFRESH,
        /** Neither: not a request for a shared cache. */
        NONE
    }

    /** A GET that missed: the interceptor may store its answer. */
    private record Candidate(String key, long requestedAtNanos) {
    }

    private final boolean enabled;
    private final long ttlNanos;
    private final long maxEntrySize;
    private final MicroCacheClock clock;
    private final RouteMetrics metrics;
    private final List<String> rewrittenNames = new ArrayList<>();
    private final List<String> rewrittenPrefixes = new ArrayList<>();
    private final Cache<String, Stored> entries;
    private final ProxyInterceptor interceptor = new StoringInterceptor();

    public MicroCache(GatewayConfig config, MicroCacheClock clock, RouteMetrics metrics) {
        GatewayConfig.MicroCache settings = config.microCache();
        long maxBytes = settings.maxBytes().asLongValue();
        this.enabled = settings.enabled();
        this.ttlNanos = settings.ttl().toNanos();
        this.maxEntrySize = settings.maxEntrySize().asLongValue();
        if (ttlNanos <= 0 || maxBytes < 1 || maxEntrySize < 1 || maxEntrySize > maxBytes
                || maxEntrySize > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("shop.gateway.micro-cache: ttl must be positive and max-entry-size "
                    + "between 1 byte and max-bytes (at most 512 MB)");
        }
        this.clock = clock;
        this.metrics = metrics;
        List<String> rewritten = new ArrayList<>(REWRITTEN);
        rewritten.addAll(config.stripRequestHeaders());
        for (String header : rewritten) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            if (h.endsWith("-")) {
                rewrittenPrefixes.add(h);
            } else if (!h.isEmpty()) {
                rewrittenNames.add(h);
            }
        }
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored stored) -> stored.weight())
                .expireAfter(new Expiry<String, Stored>() {
                    @Override
                    public long expireAfterCreate(String key, Stored stored, long now) {
                        return Math.max(0, stored.expiresAtNanos() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Stored stored, long now, long remaining) {
                        return Math.max(0, stored.expiresAtNanos() - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Stored stored, long now, long remaining) {
                        return remaining;
                    }
                })
                .ticker(clock::nanoTime)
                // Eviction and expiry run on the calling event loop (a few microseconds, amortised) instead of waking
                // a pool thread after every store.
                .executor(Runnable::run)
                .build();
        if (enabled) {
            Log.infof("Micro-cache on: public GET answers kept up to %s, %d bytes in all, %d per answer",
                    settings.ttl(), maxBytes, maxEntrySize);
        } else {
            Log.info("Micro-cache off: every request reaches its service");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Stores the answers of the requests {@link #answer} let through; to be the proxy's first interceptor. */
    public ProxyInterceptor interceptor() {
        return interceptor;
    }

    /**
     * Answers {@code rc} from the cache when it can, after the access rule and the rate limit have let it through.
     *
     * @return {@code true} if the answer was sent; {@code false} if the request is to be proxied
     */
    public boolean answer(RoutingContext rc, RoutePolicy policy) {
        if (!enabled) {
            return false;
        }
        HttpServerRequest request = rc.request();
        Use use = use(request, policy, rc.normalizedPath());
        if (use == Use.NONE) {
            metrics.microCache(policy.name(), CacheResult.BYPASS);
            return false;
        }
        long now = clock.nanoTime();
        String key = primaryKey(rc);
        if (use == Use.LOOKUP) {
            StoredAnswer stored = find(key, request.headers(), now);
            if (stored != null) {
                metrics.microCache(policy.name(), CacheResult.HIT);
                send(rc, stored, now);
                return true;
            }
        }
        metrics.microCache(policy.name(), CacheResult.MISS);
        if (request.method() == HttpMethod.GET) {
            rc.put(CANDIDATE, new Candidate(key, now));
        }
        return false;
    }

    private static Use use(HttpServerRequest request, RoutePolicy policy, String path) {
        HttpMethod method = request.method();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || policy.access() != Access.PUBLIC
                || EdgeHeadersFilter.isAuthPath(path)) {
            return Use.NONE;
        }
        MultiMap headers = request.headers();
        if (headers.contains(AUTHORIZATION) || headers.contains(COOKIE) || headers.contains(TRANSFER_ENCODING)
                || headers.contains(RANGE) || headers.contains(IF_RANGE) || headers.contains(IF_MATCH)
                || headers.contains(IF_UNMODIFIED_SINCE)
                || (headers.contains(IF_MODIFIED_SINCE) && !headers.contains(IF_NONE_MATCH))) {
            return Use.NONE;
        }
        String length = headers.get(CONTENT_LENGTH);
        if (length != null && !length.equals("0")) {
            return Use.NONE;
        }
        if (headers.contains(CACHE_CONTROL)) {
            return CacheDirectives.parse(headers.getAll(CACHE_CONTROL)).noStore() ? Use.NONE : Use.REFRESH;
        }
        return headers.contains(PRAGMA) ? Use.REFRESH : Use.LOOKUP;
    }

    /** Scheme, host, forwarded path and query string as sent: everything of the request line a service sees. */
    private static String primaryKey(RoutingContext rc) {
        String host = Exchange.forwardedHost(rc);
        String path = Exchange.forwardPath(rc);
        String query = rc.request().query();
        StringBuilder key = new StringBuilder(16 + path.length() + (host == null ? 0 : host.length())
                + (query == null ? 0 : query.length() + 1));
        key.append(Exchange.client(rc).https() ? "https://" : "http://");
        if (host != null) {
            key.append(host);
        }
        key.append(path);
        if (query != null) {
            key.append('?').append(query);
        }
        return key.toString();
    }

    /** The key of the variant for the request's values of the headers an answer varies on. */
    private static String variantKey(String key, List<String> varyNames, MultiMap requestHeaders) {
        StringBuilder variant = new StringBuilder(key.length() + 32 * varyNames.size()).append(key);
        for (String name : varyNames) {
            variant.append('\u0000').append(name).append('=');
            List<String> values = requestHeaders.getAll(name);
            if (values.isEmpty()) {
                // an absent header differs from an empty one
                variant.append('\u0001');
            } else {
                variant.append(String.join(", ", values));
            }
        }
        return variant.toString();
    }

    private StoredAnswer find(String key, MultiMap requestHeaders, long now) {
        Stored stored = entries.getIfPresent(key);
        if (stored instanceof Stored.VaryNames vary) {
            stored = entries.getIfPresent(variantKey(key, vary.names(), requestHeaders));
        }
        return stored instanceof StoredAnswer answer && answer.isFresh(now) ? answer : null;
    }

    private static void send(RoutingContext rc, StoredAnswer stored, long now) {
        HttpServerRequest request = rc.request();
        // No body to read (requests with one are never answered from here); let the request end.
        if (!request.isEnded()) {
            request.resume();
        }
        HttpServerResponse response = rc.response();
        String age = Long.toString(stored.ageSeconds(now));
        if (EntityTags.matches(request.getHeader(IF_NONE_MATCH), stored.etag())) {
            response.setStatusCode(304);
            stored.addHeaders(response.headers(), true);
            response.headers().set(AGE, age);
            response.end();
            return;
        }
        response.setStatusCode(200);
        if (stored.statusMessage() != null) {
            response.setStatusMessage(stored.statusMessage());
        }
        MultiMap headers = response.headers();
        stored.addHeaders(headers, false);
        headers.set(AGE, age);
        headers.set(CONTENT_LENGTH, stored.contentLength());
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(stored.body());
        }
    }

    /** An answer on its way to the client that may be stored once it has been sent whole. */
    private record Pending(Candidate candidate, String statusMessage, MultiMap headers, List<String> varyNames,
            long receivedAgeSeconds, long expiresAtNanos, CapturingBodyStream body) {
    }

    /**
     * Whether the service's answer may be stored (see the class comment); if so, its body is wrapped so a copy is
     * kept while it streams to the client.
     */
    private Pending storable(ProxyResponse response, Candidate candidate) {
        MultiMap headers = response.headers();
        if (response.getStatusCode() != 200 || headers.contains(HttpHeaders.SET_COOKIE)
                || headers.contains("warning") || response.getBody() == null) {
            return null;
        }
        CacheDirectives directives = CacheDirectives.parse(headers.getAll(CACHE_CONTROL));
        long maxAge = directives.sharedMaxAge();
        if (!directives.isPublic() || directives.isPrivate() || directives.noStore() || directives.noCache()
                || directives.malformed() || maxAge <= 0) {
            return null;
        }
        long receivedAge = receivedAge(headers);
        if (receivedAge < 0 || receivedAge >= maxAge) {
            return null;
        }
        List<String> varyNames = varyNames(headers);
        if (varyNames == null) {
            return null;
        }
        Body body = response.getBody();
        long length = body.length();
        if (length > maxEntrySize) {
            return null;
        }
        long lifetime = Math.min(ttlNanos, (maxAge - receivedAge) * 1_000_000_000L);
        MultiMap kept = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            if (!isOneOf(header.getKey(), NOT_STORED)) {
                kept.add(header.getKey(), header.getValue());
            }
        }
        CapturingBodyStream copy = new CapturingBodyStream(body.stream(), (int) Math.max(length, 0), maxEntrySize);
        response.setBody(Body.body(copy, length));
        return new Pending(candidate, response.getStatusMessage(), kept, varyNames, receivedAge,
                candidate.requestedAtNanos() + lifetime, copy);
    }

    /** The service's {@code Age} in seconds: 0 without one, -1 if it cannot be read (then nothing is stored). */
    private static long receivedAge(MultiMap headers) {
        List<String> lines = headers.getAll(AGE);
        if (lines.isEmpty()) {
            return 0;
        }
        return lines.size() > 1 ? -1 : CacheDirectives.deltaSeconds(lines.get(0).strip());
    }

    /**
     * The lower-case names the answer's {@code Vary} lists (plus {@code accept-encoding} for an encoded body), or
     * {@code null} if it cannot be keyed: {@code Vary: *}, or a header the gateway rewrites before the service sees it
     * (the service varied on the gateway's value, not the client's).
     */
    private List<String> varyNames(MultiMap headers) {
        List<String> names = new ArrayList<>(2);
        for (String line : headers.getAll(VARY)) {
            for (String field : line.split(",")) {
                String name = field.strip().toLowerCase(Locale.ROOT);
                if (name.equals("*") || isRewritten(name)) {
                    return null;
                }
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        if (headers.contains(HttpHeaders.CONTENT_ENCODING) && !names.contains("accept-encoding")) {
            names.add("accept-encoding");
        }
        return List.copyOf(names);
    }

    private boolean isRewritten(String name) {
        if (rewrittenNames.contains(name)) {
            return true;
        }
        for (String prefix : rewrittenPrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOneOf(String name, List<String> lowerCaseNames) {
        for (String candidate : lowerCaseNames) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private void store(RoutingContext rc, Pending pending) {
        Buffer body = pending.body().captured();
        long now = clock.nanoTime();
        if (body == null || now - pending.expiresAtNanos() >= 0) {
            return;
        }
        // The Date the proxy wrote (the service's, or the time it sent the answer when the service gave none).
        String date = rc.response().headers().get(DATE);
        MultiMap headers = pending.headers();
        if (date != null) {
            MultiMap dated = MultiMap.caseInsensitiveMultiMap().add(DATE, date);
            headers = dated.addAll(headers);
        }
        String key = pending.candidate().key();
        StoredAnswer answer = new StoredAnswer(key, pending.statusMessage(), headers, body,
                pending.receivedAgeSeconds(), pending.candidate().requestedAtNanos(), pending.expiresAtNanos());
        List<String> varyNames = pending.varyNames();
        if (varyNames.isEmpty()) {
            entries.put(key, answer);
        } else {
            entries.put(key, new Stored.VaryNames(varyNames, pending.expiresAtNanos()));
            entries.put(variantKey(key, varyNames, rc.request().headers()), answer);
        }
    }

    /**
     * The proxy's first interceptor: answers pass interceptors in reverse order, so it sees each answer last, as the
     * forwarding rules left it (hop-by-hop headers removed, a service's error page replaced).
     */
    private final class StoringInterceptor implements ProxyInterceptor {

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            RoutingContext rc = routingContext(context.request());
            Candidate candidate = rc == null ? null : rc.get(CANDIDATE);
            Pending pending = candidate == null ? null : storable(context.response(), candidate);
            if (pending == null) {
                return context.sendResponse();
            }
            return context.sendResponse().andThen(sent -> {
                if (sent.succeeded()) {
                    store(rc, pending);
                }
            });
        }

        private static RoutingContext routingContext(ProxyRequest request) {
            return request.proxiedRequest() instanceof WebServerRequest web ? web.routingContext() : null;
        }
    }
}
