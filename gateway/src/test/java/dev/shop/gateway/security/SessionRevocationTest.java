package dev.shop.gateway.security;

import static dev.shop.gateway.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** SessionRevoked events on the real embedded Kafka broker cut off the access tokens of the revoked session. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class SessionRevocationTest {

    @Test
    void aRevokedSessionsTokensAreRefusedWhileOtherSessionsGoOn() {
        String user = "revoked-user-" + UUID.randomUUID();
        String sid = "sid-" + UUID.randomUUID();
        String revokedToken = TestTokens.forUser(user).sessionId(sid).sign();
        String otherSession = TestTokens.forUser(user).sessionId("sid-" + UUID.randomUUID()).sign();
        given().header("Authorization", bearer(revokedToken)).when().get("/api/v1/cart").then().statusCode(200);

        publishRevocation(sid, user, Instant.now().plus(Duration.ofMinutes(15)));

        int status = awaitStatus(revokedToken, "/api/v1/cart", 401);
        assertThat(status).isEqualTo(401);
        given().header("Authorization", bearer(revokedToken)).when().get("/api/v1/cart")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("The session of this access token has been revoked"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        // A presented token must be valid on public routes too.
        given().header("Authorization", bearer(revokedToken)).when().get("/api/v1/products")
                .then().statusCode(401);
        given().header("Authorization", bearer(otherSession)).when().get("/api/v1/cart").then().statusCode(200);
    }

    @Test
    void unreadableRecordsDoNotStopTheRevocationsBehindThem() {
        String sid = "sid-" + UUID.randomUUID();
        String token = TestTokens.forUser("u-" + UUID.randomUUID()).sessionId(sid).sign();

        RevokedBeforeStart.publish("garbage", "this is not an event");
        RevokedBeforeStart.publish("bad-payload", EventJson.write(EventJson.wrap("SessionRevoked", 1, "auth-service",
                "bad-payload", "test", Map.of("sessionId", List.of("not", "a", "string")))));
        RevokedBeforeStart.publish("other-type", EventJson.write(EventJson.wrap("SomethingElse", 1, "auth-service",
                "other-type", "test", Map.of("x", 1))));
        publishRevocation(sid, "u", Instant.now().plus(Duration.ofMinutes(15)));

        assertThat(awaitStatus(token, "/api/v1/wishlist", 401)).isEqualTo(401);
    }

    @Test
    void aRevocationWhoseTokensHaveAlreadyExpiredListsNothing() {
        String sid = "sid-" + UUID.randomUUID();
        String token = TestTokens.forUser("u-" + UUID.randomUUID()).sessionId(sid).sign();
        publishRevocation(sid, "u", Instant.now().minus(Duration.ofMinutes(1)));
        // The topic has one partition in the tests: once this later one applies, the expired one has been read.
        String marker = "sid-" + UUID.randomUUID();
        String markerToken = TestTokens.forUser("u-" + UUID.randomUUID()).sessionId(marker).sign();
        publishRevocation(marker, "u", Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(awaitStatus(markerToken, "/api/v1/cart", 401)).isEqualTo(401);

        given().header("Authorization", bearer(token)).when().get("/api/v1/cart").then().statusCode(200);
    }

    @Test
    void revocationsPublishedBeforeTheGatewayStartedAreApplied() {
        String token = TestTokens.forUser("user-before-start").sessionId(RevokedBeforeStart.SESSION_ID).sign();
        assertThat(awaitStatus(token, "/api/v1/me", 401)).isEqualTo(401);
    }

    private static void publishRevocation(String sid, String user, Instant validUntil) {
        RevokedBeforeStart.publish(sid, EventJson.write(EventJson.wrap("SessionRevoked", 1, "auth-service", sid,
                "test", new SessionRevoked(sid, user, "logout", Instant.now(), validUntil))));
    }

    /** Polls until the call answers {@code expected} (the consumer applies events asynchronously) or 20 s pass. */
    private static int awaitStatus(String token, String path, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status;
        do {
            status = given().header("Authorization", bearer(token)).when().get(path).statusCode();
            if (status == expected) {
                return status;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        return status;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
