package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.auth.domain.OpaqueTokens;
import dev.shop.auth.persistence.RefreshTokenRepository;
import dev.shop.auth.persistence.SessionDocument;
import dev.shop.auth.persistence.SessionRepository;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Refresh-token rotation, reuse detection (RFC 9700) and logout. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class SessionResourceTest {

    @Inject
    SessionRepository sessions;
    @Inject
    RefreshTokenRepository refreshTokens;

    static Response refreshWithCookie(String token) {
        return given().cookie("refresh_token", token).post("/api/v1/auth/refresh");
    }

    static Response refreshWithBody(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", token)).post("/api/v1/auth/refresh");
    }

    @Test
    void aRefreshRotatesTheTokenAndKeepsTheSession() {
        AuthApi.Session s = AuthApi.newCustomer();
        String sid = sid(s.accessToken());

        Response r = refreshWithCookie(s.refreshToken());
        r.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("accessToken", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("user.id", equalTo(s.userId()));
        String rotated = r.getCookie("refresh_token");
        assertThat(rotated).isNotBlank().isNotEqualTo(s.refreshToken());
        assertThat(r.getHeader("Set-Cookie")).contains("HttpOnly").contains("Secure").contains("SameSite=Strict")
                .contains("Path=/api/v1/auth");
        assertThat(sid((String) r.path("accessToken"))).isEqualTo(sid);
        given().auth().oauth2((String) r.path("accessToken")).get("/api/v1/me").then().statusCode(200);

        // mobile clients send it in the body
        refreshWithBody(rotated).then().statusCode(200);
        // only hashes are stored
        assertThat(refreshTokens.findById(rotated).await().indefinitely()).isNull();
        assertThat(refreshTokens.findById(OpaqueTokens.hash(rotated)).await().indefinitely()).isNotNull();
    }

    @Test
    void presentingARotatedTokenRevokesTheWholeFamily() {
        AuthApi.Session s = AuthApi.newCustomer();
        String sid = sid(s.accessToken());
        String second = refreshWithCookie(s.refreshToken()).then().statusCode(200).extract().cookie("refresh_token");
        String third = refreshWithCookie(second).then().statusCode(200).extract().cookie("refresh_token");

        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            // the first token is replayed (by a thief, or a confused client)
            refreshWithCookie(s.refreshToken()).then().statusCode(401).contentType("application/problem+json");

            EventEnvelope event = EventJson.read(probe.await(r -> sid.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0).value());
            SessionRevoked revoked = EventJson.dataAs(event, SessionRevoked.class);
            assertThat(revoked.reason()).isEqualTo("refresh-token-reuse");
            assertThat(revoked.userId()).isEqualTo(s.userId());
            assertThat(revoked.accessTokensValidUntil()).isAfter(Instant.now());
        }
        // the newest token of the family is dead too
        refreshWithCookie(third).then().statusCode(401);
        assertThat(sessions.findById(sid).await().indefinitely().revokedAt).isNotNull();
        // other sessions of the user are untouched
        AuthApi.Session other = AuthApi.loginEventually(s.phone(), AuthApi.PASSWORD);
        refreshWithCookie(other.refreshToken()).then().statusCode(200);
    }

    @Test
    void twoTabsRefreshingWithTheSameTokenAtOnceGetTheSameSuccessorAndStaySignedIn() throws Exception {
        AuthApi.Session s = AuthApi.newCustomer();
        String sid = sid(s.accessToken());
        int tabs = 4;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refreshWithCookie(s.refreshToken());
                }));
            }
            start.countDown();
            Set<String> successors = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get(30, TimeUnit.SECONDS);
                r.then().statusCode(200);
                successors.add(r.getCookie("refresh_token"));
                given().auth().oauth2((String) r.path("accessToken")).get("/api/v1/me").then().statusCode(200);
            }
            assertThat(successors).hasSize(1).doesNotContain(s.refreshToken());
            assertThat(sessions.findById(sid).await().indefinitely().revokedAt).isNull();
            // the one successor carries the session on
            refreshWithCookie(successors.iterator().next()).then().statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUsedTokenPresentedAfterTheGracePeriodIsReuseAndEndsTheSession() {
        AuthApi.Session s = AuthApi.newCustomer();
        String sid = sid(s.accessToken());
        String second = refreshWithCookie(s.refreshToken()).then().statusCode(200).extract().cookie("refresh_token");
        // within the grace period the used token still yields the same successor...
        assertThat(refreshWithCookie(s.refreshToken()).then().statusCode(200).extract().cookie("refresh_token"))
                .isEqualTo(second);
        // ...after it (10 s, here by ageing the rotation) it is a replay
        sessions.mongoCollection().updateOne(Filters.eq("_id", sid),
                Updates.set("rotatedAt", Instant.now().minusSeconds(11))).await().indefinitely();
        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            refreshWithCookie(s.refreshToken()).then().statusCode(401);
            EventEnvelope event = EventJson.read(probe.await(r -> sid.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0).value());
            assertThat(event.data().get("reason").asText()).isEqualTo("refresh-token-reuse");
        }
        refreshWithCookie(second).then().statusCode(401);
    }

    @Test
    void aRefreshRacingALogoutNeverLeavesATokenTheLogoutDoesNotCover() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            for (int round = 0; round < 8; round++) {
                AuthApi.Session s = AuthApi.newCustomer();
                String sid = sid(s.accessToken());
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> refresh = pool.submit(() -> {
                    start.await();
                    return refreshWithCookie(s.refreshToken());
                });
                Future<Response> logout = pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(s.accessToken()).post("/api/v1/auth/logout");
                });
                start.countDown();
                Response refreshed = refresh.get(30, TimeUnit.SECONDS);
                logout.get(30, TimeUnit.SECONDS).then().statusCode(204);

                SessionDocument stored = sessions.findById(sid).await().indefinitely();
                assertThat(stored.revokedAt).as("round %d", round).isNotNull();
                SessionRevoked event = EventJson.dataAs(EventJson.read(probe.await(r -> sid.equals(r.key()), 1,
                        Duration.ofSeconds(20)).get(0).value()), SessionRevoked.class);
                if (refreshed.statusCode() == 200) {
                    // the refresh came first: what it issued dies with the session, and the revocation (the
                    // gateway's deny-list entry) outlives it
                    String access = refreshed.path("accessToken");
                    assertThat(event.accessTokensValidUntil()).isAfterOrEqualTo(expiry(access));
                    given().auth().oauth2(access).get("/api/v1/me").then().statusCode(401);
                    refreshWithCookie(refreshed.getCookie("refresh_token")).then().statusCode(401);
                } else {
                    refreshed.then().statusCode(401);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRevokedSessionsAccessTokenIsRefusedByAuthServiceAtOnce() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().auth().oauth2(s.accessToken()).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(s.accessToken()).post("/api/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(s.accessToken()).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void missingUnknownOrExpiredTokensAre401() {
        given().post("/api/v1/auth/refresh").then().statusCode(401).contentType("application/problem+json");
        refreshWithCookie("garbage").then().statusCode(401);
        refreshWithCookie(OpaqueTokens.newToken()).then().statusCode(401);
        refreshWithBody("").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":{\"$ne\":null}}").post("/api/v1/auth/refresh")
                .then().statusCode(400);

        AuthApi.Session s = AuthApi.newCustomer();
        refreshTokens.mongoCollection().updateOne(Filters.eq("_id", OpaqueTokens.hash(s.refreshToken())),
                Updates.set("expiresAt", Instant.now().minusSeconds(1))).await().indefinitely();
        refreshWithCookie(s.refreshToken()).then().statusCode(401);

        AuthApi.Session t = AuthApi.newCustomer();
        sessions.mongoCollection().updateOne(Filters.eq("_id", sid(t.accessToken())),
                Updates.set("expiresAt", Instant.now().minusSeconds(1))).await().indefinitely();
        refreshWithCookie(t.refreshToken()).then().statusCode(401);
    }

    @Test
    void logoutRevokesTheSessionAndClearsTheCookie() {
        AuthApi.Session s = AuthApi.newCustomer();
        String sid = sid(s.accessToken());

        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            Response r = given().auth().oauth2(s.accessToken()).cookie("refresh_token", s.refreshToken())
                    .post("/api/v1/auth/logout");
            r.then().statusCode(204);
            assertThat(r.getHeader("Set-Cookie")).startsWith("refresh_token=;").contains("Max-Age=0")
                    .contains("Path=/api/v1/auth").contains("HttpOnly");

            EventEnvelope event = EventJson.read(probe.await(rec -> sid.equals(rec.key()), 1,
                    Duration.ofSeconds(20)).get(0).value());
            assertThat(event.type()).isEqualTo("SessionRevoked");
            assertThat(event.data().get("reason").asText()).isEqualTo("logout");
        }
        SessionDocument stored = sessions.findById(sid).await().indefinitely();
        assertThat(stored.revokedAt).isNotNull();
        refreshWithCookie(s.refreshToken()).then().statusCode(401);
        // logging out again is harmless
        given().auth().oauth2(s.accessToken()).post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void logoutNeedsAValidAccessToken() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().cookie("refresh_token", s.refreshToken()).post("/api/v1/auth/logout").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("garbage").post("/api/v1/auth/logout").then().statusCode(401);
        refreshWithCookie(s.refreshToken()).then().statusCode(200);
    }

    @Test
    void logoutCannotEndSomeoneElsesSession() {
        AuthApi.Session victim = AuthApi.newCustomer();
        AuthApi.Session attacker = AuthApi.newCustomer();
        given().auth().oauth2(attacker.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", victim.refreshToken())).post("/api/v1/auth/logout")
                .then().statusCode(204);
        refreshWithCookie(victim.refreshToken()).then().statusCode(200);
    }

    @Test
    void aBlockedUserCannotRefresh() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/block").then()
                .statusCode(200);
        refreshWithCookie(s.refreshToken()).then().statusCode(401);
        assertThat(sessions.activeOf(s.userId()).await().indefinitely()).isEmpty();
    }

    @Test
    void losingTheAdminRoleEndsEverySessionAndItsAdminTokens() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.Session admin = AuthApi.admin();
        admin.authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/roles/admin").then().statusCode(200);
        AuthApi.Session asAdmin = AuthApi.loginEventually(s.phone(), AuthApi.PASSWORD);
        asAdmin.authorized().get("/api/v1/auth/admin/users").then().statusCode(200);
        String sid = sid(asAdmin.accessToken());

        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            admin.authorized().delete("/api/v1/auth/admin/users/" + s.userId() + "/roles/admin").then()
                    .statusCode(200);

            List<SessionRevoked> revoked = probe.await(r -> EventJson.read(r.value()).data().get("userId").asText()
                    .equals(s.userId()), 2, Duration.ofSeconds(20)).stream()
                    .map(r -> EventJson.dataAs(EventJson.read(r.value()), SessionRevoked.class)).toList();
            assertThat(revoked).extracting(SessionRevoked::reason).containsOnly("role-revoked");
            assertThat(revoked).extracting(SessionRevoked::sessionId).contains(sid, sid(s.accessToken()));
        }
        // the admin token is dead at once (the gateway deny-lists the session from the event)
        asAdmin.authorized().get("/api/v1/auth/admin/users").then().statusCode(401);
        refreshWithCookie(asAdmin.refreshToken()).then().statusCode(401);
        assertThat(sessions.activeOf(s.userId()).await().indefinitely()).isEmpty();
        // signing in again gives tokens without the role
        AuthApi.loginEventually(s.phone(), AuthApi.PASSWORD).authorized().get("/api/v1/auth/admin/users").then()
                .statusCode(403);
    }

    @Test
    void rolesChangesShowInTheNextRefresh() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/roles/admin").then()
                .statusCode(200);
        Response r = refreshWithCookie(s.refreshToken());
        r.then().statusCode(200).body("user.roles", equalTo(List.of("customer", "admin")));
        given().auth().oauth2((String) r.path("accessToken")).get("/api/v1/auth/admin/users").then()
                .statusCode(200);
    }

    static Instant expiry(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return Instant.ofEpochSecond(Long.parseLong(payload.replaceAll(".*\"exp\":([0-9]+).*", "$1")));
    }

    static String sid(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sid\":\"([0-9a-f]+)\".*", "$1");
    }
}
