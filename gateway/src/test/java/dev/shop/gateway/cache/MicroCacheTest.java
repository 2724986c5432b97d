package dev.shop.gateway.cache;

import static dev.shop.gateway.TestSupport.bearer;
import static dev.shop.gateway.TestSupport.customerToken;
import static dev.shop.gateway.TestSupport.stubCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.gateway.TestSupport;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway's micro-cache as a client and a service see it: which answers are reused, for how long, for whom, and
 * that a reused answer is the one the service gave plus this request's own gateway headers. The stub service counts
 * its calls and numbers its answers; the cache's clock stands still unless a test moves it (the test profile's TTL is
 * 5 s).
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class MicroCacheTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    /** Headers the gateway sets for each request itself; everything else of a cached answer is the service's. */
    private static final Set<String> PER_REQUEST = Set.of("age", "x-request-id", "ratelimit-limit",
            "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy");

    @TestHTTPResource("/")
    URI gateway;

    private ManualClock clock;

    @BeforeEach
    void stopTheCacheClock() {
        clock = ManualClock.install();
    }

    @Test
    void aPublicAnswerIsFetchedOnceThenServedFromTheCacheUntilTheTtlEnds() {
        String url = product("public, max-age=30");
        long before = stubCalls("catalog");

        Response first = get(url);
        Response second = get(url);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(stubCalls("catalog")).as("the second answer came from the cache").isEqualTo(before + 1);
        assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(serviceHeaders(second)).isEqualTo(serviceHeaders(first));
        assertThat(first.header("Age")).isNull();
        assertThat(second.header("Age")).isEqualTo("0");
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(second.header("Cache-Control")).isEqualTo("public, max-age=30");

        clock.advance(TTL.minusMillis(1));
        assertThat(get(url).asByteArray()).as("still within the TTL").isEqualTo(first.asByteArray());
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);

        clock.advance(Duration.ofMillis(1));
        Response afterTtl = get(url);
        assertThat(stubCalls("catalog")).as("the TTL is over: the service is asked again").isEqualTo(before + 2);
        assertThat(afterTtl.jsonPath().getLong("call")).isNotEqualTo(first.jsonPath().getLong("call"));
        assertThat(afterTtl.header("Age")).isNull();
        assertThat(get(url).jsonPath().getLong("call")).as("and the fresh answer is reused")
                .isEqualTo(afterTtl.jsonPath().getLong("call"));
        assertThat(stubCalls("catalog")).isEqualTo(before + 2);
    }

    @Test
    void aCachedAnswerCarriesItsAgeInWholeSeconds() {
        String url = product("public, max-age=30");
        get(url);
        clock.advance(Duration.ofMillis(2_500));
        assertThat(get(url).header("Age")).isEqualTo("2");
    }

    @Test
    void aMaxAgeShorterThanTheTtlWins() {
        String url = product("public, max-age=2");
        long before = stubCalls("catalog");
        get(url);
        clock.advance(Duration.ofMillis(1_999));
        get(url);
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
        clock.advance(Duration.ofMillis(1));
        get(url);
        assertThat(stubCalls("catalog")).as("max-age=2 ended the entry before the 5 s TTL").isEqualTo(before + 2);
    }

    @Test
    void sMaxAgeIsTheSharedLifetimeAndTheServicesAgeCounts() {
        String shared = product("public, max-age=30, s-maxage=1");
        long before = stubCalls("catalog");
        get(shared);
        clock.advance(Duration.ofMillis(999));
        get(shared);
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
        clock.advance(Duration.ofMillis(1));
        get(shared);
        assertThat(stubCalls("catalog")).as("s-maxage=1 wins over max-age=30").isEqualTo(before + 2);

        // an answer already 28 s old with max-age=30 has 2 s left
        String aged = product("public, max-age=30", "age", "28");
        long start = stubCalls("catalog");
        get(aged);
        clock.advance(Duration.ofMillis(1_500));
        assertThat(get(aged).header("Age")).isEqualTo("29");
        assertThat(stubCalls("catalog")).isEqualTo(start + 1);
        clock.advance(Duration.ofMillis(500));
        get(aged);
        assertThat(stubCalls("catalog")).isEqualTo(start + 2);
    }

    @Test
    void answersAServiceDidNotMarkSharedAndFreshAreNeverReused() {
        List<String[]> answers = List.of(
                new String[] { "private, max-age=30" },
                new String[] { "max-age=30" },
                new String[] { "public" },
                new String[] { "public, max-age=0" },
                new String[] { "public, max-age=30, no-store" },
                new String[] { "public, max-age=30, no-cache" },
                new String[] { "public, no-cache=\"Set-Cookie\", max-age=30" },
                new String[] { "public, private=\"X-Basket\", max-age=30" },
                new String[] { "public, max-age=thirty" },
                new String[] { "public, max-age=30, max-age=60" },
                new String[] { "public, max-age=30", "cookie", "1" },
                new String[] { "public, max-age=30", "status", "404" },
                new String[] { "public, max-age=30", "status", "203" },
                new String[] { "public, max-age=30", "vary", "*" },
                new String[] { "public, max-age=30", "vary", "Accept, *" },
                new String[] { "public, max-age=30", "vary", "X-Forwarded-For" },
                new String[] { "public, max-age=30", "vary", "X-Request-Id" },
                new String[] { "public, max-age=30", "age", "30" });
        for (String[] answer : answers) {
            String[] more = new String[answer.length - 1];
            System.arraycopy(answer, 1, more, 0, more.length);
            String url = product(answer[0], more);
            long before = stubCalls("catalog");
            Response first = get(url);
            Response second = get(url);
            assertThat(stubCalls("catalog")).as(url).isEqualTo(before + 2);
            assertThat(second.header("Age")).as(url).isEqualTo(first.header("Age"));
            if (first.statusCode() == 200) {
                assertThat(second.jsonPath().getLong("call")).as(url).isEqualTo(first.jsonPath().getLong("call") + 1);
            }
        }
    }

    @Test
    void requestsWithATokenACookieOrABodyAlwaysReachTheServiceAndAreNeverStored() {
        String url = product("public, max-age=30");
        String token = bearer(customerToken());
        long before = stubCalls("catalog");

        // a token's answers are neither served from nor put into the cache
        get(url, given().header("Authorization", token));
        get(url, given().header("Authorization", token));
        assertThat(stubCalls("catalog")).isEqualTo(before + 2);
        Response anonymous = get(url);
        assertThat(stubCalls("catalog")).as("nothing was stored for the token's requests").isEqualTo(before + 3);
        assertThat(get(url).jsonPath().getLong("call")).isEqualTo(anonymous.jsonPath().getLong("call"));
        assertThat(stubCalls("catalog")).isEqualTo(before + 3);

        // with the anonymous answer stored, requests with a token, any cookie or a body still go to the service
        get(url, given().header("Authorization", token));
        get(url, given().header("Cookie", "shop_refresh=r-1"));
        get(url, given().header("Cookie", "theme=dark"));
        get(url, given().header("Range", "bytes=0-10"));
        get(url, given().header("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"));
        get(url, given().contentType("application/json").body("{}"));
        assertThat(stubCalls("catalog")).isEqualTo(before + 9);
        assertThat(get(url).jsonPath().getLong("call")).as("the anonymous entry is untouched")
                .isEqualTo(anonymous.jsonPath().getLong("call"));
        assertThat(stubCalls("catalog")).isEqualTo(before + 9);
    }

    @Test
    void writesAndNonPublicRoutesAreNeverCached() {
        String query = "?cc=" + encode("public, max-age=30");
        long before = stubCalls("cart");
        for (int i = 0; i < 2; i++) {
            given().urlEncodingEnabled(false).contentType("application/json").body("{\"productId\":\"p-1\"}")
                    .when().post("/api/v1/cart/items" + query).then().statusCode(200);
            given().urlEncodingEnabled(false).header("X-Cart-Token", "guest-cart-token-1")
                    .when().get("/api/v1/cart" + query).then().statusCode(200);
        }
        assertThat(stubCalls("cart")).isEqualTo(before + 4);
    }

    @Test
    void aClientAskingForAFreshAnswerGetsOneAndItReplacesTheStoredOne() {
        String url = product("public, max-age=30");
        long stored = get(url).jsonPath().getLong("call");

        long reloaded = get(url, given().header("Cache-Control", "max-age=0")).jsonPath().getLong("call");
        assertThat(reloaded).isGreaterThan(stored);
        assertThat(get(url).jsonPath().getLong("call")).as("the fresh answer replaced the stored one")
                .isEqualTo(reloaded);

        long noStore = get(url, given().header("Cache-Control", "no-store")).jsonPath().getLong("call");
        assertThat(noStore).isGreaterThan(reloaded);
        assertThat(get(url).jsonPath().getLong("call")).as("no-store: not kept").isEqualTo(reloaded);

        long pragma = get(url, given().header("Pragma", "no-cache")).jsonPath().getLong("call");
        assertThat(pragma).isGreaterThan(noStore);
    }

    @Test
    void varyOnARequestHeaderKeysTheAnswerByItsValue() {
        String url = product("public, max-age=30", "vary", "Accept-Language");
        long before = stubCalls("catalog");

        Response german = get(url, given().header("Accept-Language", "de"));
        Response french = get(url, given().header("Accept-Language", "fr"));
        Response none = get(url);
        assertThat(stubCalls("catalog")).isEqualTo(before + 3);
        assertThat(german.jsonPath().getString("acceptLanguage")).isEqualTo("de");
        assertThat(french.jsonPath().getString("acceptLanguage")).isEqualTo("fr");
        assertThat(none.jsonPath().getString("acceptLanguage")).isNull();

        assertThat(get(url, given().header("Accept-Language", "de")).asByteArray()).isEqualTo(german.asByteArray());
        assertThat(get(url, given().header("Accept-Language", "fr")).asByteArray()).isEqualTo(french.asByteArray());
        assertThat(get(url).asByteArray()).isEqualTo(none.asByteArray());
        assertThat(stubCalls("catalog")).as("each variant reused").isEqualTo(before + 3);
        assertThat(get(url, given().header("Accept-Language", "de-CH")).jsonPath().getString("acceptLanguage"))
                .isEqualTo("de-CH");
        assertThat(stubCalls("catalog")).isEqualTo(before + 4);
    }

    @Test
    void anEncodedAnswerIsKeyedByAcceptEncodingEvenWithoutVary() throws Exception {
        String url = product("public, max-age=30", "encoding", "br");
        long before = stubCalls("catalog");
        HttpResponse<byte[]> brotli = raw(url, "Accept-Encoding", "br");
        HttpResponse<byte[]> again = raw(url, "Accept-Encoding", "br");
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
        assertThat(again.body()).isEqualTo(brotli.body());
        assertThat(again.headers().firstValue("Content-Encoding")).hasValue("br");

        raw(url, "Accept-Encoding", "identity");
        assertThat(stubCalls("catalog")).as("a client that did not accept br is not given the br body")
                .isEqualTo(before + 2);
    }

    @Test
    void aMatchingIfNoneMatchIsAnswered304FromTheCache() {
        String url = product("public, max-age=30");
        long before = stubCalls("catalog");
        Response full = get(url);
        String etag = full.header("ETag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            Response notModified = get(url, given().header("If-None-Match", ifNoneMatch));
            assertThat(notModified.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(notModified.asByteArray()).isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            assertThat(notModified.header("Cache-Control")).isEqualTo("public, max-age=30");
            assertThat(notModified.header("Date")).isEqualTo(full.header("Date"));
            assertThat(notModified.header("Age")).isEqualTo("0");
            assertThat(notModified.header("X-Request-Id")).isNotBlank();
        }
        Response changed = get(url, given().header("If-None-Match", "\"an-older-version\""));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.asByteArray()).isEqualTo(full.asByteArray());
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
    }

    @Test
    void aHeadIsAnsweredFromAStoredGet() {
        String url = product("public, max-age=30");
        long before = stubCalls("catalog");
        Response full = get(url);
        Response head = given().urlEncodingEnabled(false).when().head(url);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.asByteArray()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(full.asByteArray().length));
        assertThat(head.header("ETag")).isEqualTo(full.header("ETag"));
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
    }

    @Test
    void aDifferentQueryStringIsADifferentEntry() {
        String url = product("public, max-age=30");
        long before = stubCalls("catalog");
        long page1 = get(url + "&page=1").jsonPath().getLong("call");
        long page2 = get(url + "&page=2").jsonPath().getLong("call");
        long swapped = get(url.replace("?", "?page=1&")).jsonPath().getLong("call");
        assertThat(stubCalls("catalog")).isEqualTo(before + 3);
        assertThat(List.of(page1, page2, swapped)).doesNotHaveDuplicates();
        assertThat(get(url + "&page=1").jsonPath().getLong("call")).isEqualTo(page1);
        assertThat(get(url + "&page=2").jsonPath().getLong("call")).isEqualTo(page2);
        assertThat(stubCalls("catalog")).isEqualTo(before + 3);
    }

    @Test
    void theGatewaysOwnHeadersOnACachedAnswerBelongToTheCurrentRequest() {
        String url = product("public, max-age=30");
        Response first = get(url, given().header("X-Request-Id", "micro-cache-first-1"));
        Response second = get(url, given().header("X-Request-Id", "micro-cache-second-2")
                .header("Origin", "http://localhost:3000"));

        assertThat(second.header("Age")).as("from the cache").isNotNull();
        assertThat(second.headers().getValues("X-Request-Id")).containsExactly("micro-cache-second-2");
        assertThat(first.headers().getValues("X-Request-Id")).containsExactly("micro-cache-first-1");
        // the gateway's bucket for this request (MicroCacheRateLimitTest watches it drain), not the service's
        assertThat(second.headers().getValues("RateLimit-Limit")).containsExactly("100000");
        assertThat(second.headers().getValues("RateLimit-Remaining")).hasSize(1).doesNotContain("4");
        assertThat(second.header("RateLimit-Policy")).isEqualTo(first.header("RateLimit-Policy"));
        // the edge's rules apply to a cached answer as to a proxied one
        assertThat(second.header("Server")).isNull();
        assertThat(second.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(second.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(second.headers().getValues("Access-Control-Allow-Origin")).containsExactly("http://localhost:3000");
        assertThat(second.headers().getValues("Vary")).containsExactly("Origin");

        Response third = get(url);
        assertThat(third.header("Access-Control-Allow-Origin")).isEqualTo(first.header("Access-Control-Allow-Origin"));
        assertThat(third.headers().getValues("Vary")).isEmpty();
    }

    @Test
    void aChunkedAnswerIsStoredWhileALargeOneIsOnlyPassedOn() {
        String chunked = product("public, max-age=30", "chunked", "1", "size", "20000");
        long before = stubCalls("catalog");
        Response first = get(chunked);
        Response second = get(chunked);
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
        assertThat(second.asByteArray()).hasSize(20_000).isEqualTo(first.asByteArray());

        // over the 256 KB an entry may hold: passed on whole, never stored
        String large = product("public, max-age=30", "size", Integer.toString(300 * 1024));
        long start = stubCalls("catalog");
        assertThat(get(large).asByteArray()).hasSize(300 * 1024);
        assertThat(get(large).asByteArray()).hasSize(300 * 1024);
        assertThat(stubCalls("catalog")).isEqualTo(start + 2);
        String largeChunked = product("public, max-age=30", "size", Integer.toString(300 * 1024), "chunked", "1");
        assertThat(get(largeChunked).asByteArray()).hasSize(300 * 1024);
        assertThat(get(largeChunked).asByteArray()).hasSize(300 * 1024);
        assertThat(stubCalls("catalog")).isEqualTo(start + 4);
    }

    @Test
    void theMostBoughtAliasSharesTheEntryOfItsTarget() {
        String query = "?cc=" + encode("public, max-age=30") + "&n=" + UUID.randomUUID();
        long before = stubCalls("order");
        Response alias = get("/api/v1/products/most-bought" + query);
        Response target = get("/api/v1/analytics/most-bought" + query);
        assertThat(stubCalls("order")).isEqualTo(before + 1);
        assertThat(target.asByteArray()).isEqualTo(alias.asByteArray());
    }

    @Test
    void hitsMissesAndBypassesAreCountedPerRoute() {
        String url = product("public, max-age=30");
        double hits = counter("hit");
        double misses = counter("miss");
        double bypasses = counter("bypass");
        get(url);
        get(url);
        get(url);
        get(url, given().header("Authorization", bearer(customerToken())));
        assertThat(counter("miss")).isEqualTo(misses + 1);
        assertThat(counter("hit")).isEqualTo(hits + 2);
        assertThat(counter("bypass")).isEqualTo(bypasses + 1);
    }

    private static double counter(String result) {
        String metrics = ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("shop_gateway_micro_cache_total{")
                        && l.contains("route=\"/api/v1/products/**\"") && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** A catalogue path of its own, whose stub answer carries {@code cacheControl} and the other parameters. */
    private static String product(String cacheControl, String... parameters) {
        StringBuilder url = new StringBuilder("/api/v1/products/cached-").append(UUID.randomUUID())
                .append("?cc=").append(encode(cacheControl));
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            url.append('&').append(parameters[i]).append('=').append(encode(parameters[i + 1]));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Response get(String url) {
        return get(url, given());
    }

    private static Response get(String url, RequestSpecification request) {
        return request.urlEncodingEnabled(false).when().get(url);
    }

    /** Without rest-assured, which would try to decode a body marked as encoded. */
    private HttpResponse<byte[]> raw(String url, String header, String value) throws IOException, InterruptedException {
        String base = gateway.toString().replaceAll("/$", "");
        return TestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(base + url)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The headers that came from the service (or the proxy), sorted: what a cached answer must repeat exactly. */
    private static List<String> serviceHeaders(Response response) {
        return response.headers().asList().stream()
                .filter(h -> !PER_REQUEST.contains(h.getName().toLowerCase(Locale.ROOT)))
                .map(h -> h.getName().toLowerCase(Locale.ROOT) + ": " + h.getValue())
                .sorted()
                .toList();
    }
}
