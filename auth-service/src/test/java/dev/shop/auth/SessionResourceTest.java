package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    void rolesChangesShowInTheNextRefresh() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/roles/admin").then()
                .statusCode(200);
        Response r = refreshWithCookie(s.refreshToken());
        r.then().statusCode(200).body("user.roles", equalTo(List.of("customer", "admin")));
        given().auth().oauth2((String) r.path("accessToken")).get("/api/v1/auth/admin/users").then()
                .statusCode(200);
    }

    static String sid(String accessToken) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sid\":\"([0-9a-f]+)\".*", "$1");
    }
}
