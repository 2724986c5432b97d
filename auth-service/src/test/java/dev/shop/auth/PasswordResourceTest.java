package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.auth.persistence.ResetTokenRepository;
import dev.shop.auth.persistence.SessionRepository;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Password login, and forgot → verify → reset. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class PasswordResourceTest {

    private static final String NEW_PASSWORD = "Fresh-Monsoon-Lantern-8";

    @Inject
    OtpChallengeRepository challenges;
    @Inject
    ResetTokenRepository resetTokens;
    @Inject
    SessionRepository sessions;

    static Response forgot(String phone) {
        return AuthApi.client().body(Map.of("phoneNumber", phone)).post("/api/v1/auth/password/forgot");
    }

    static Response verify(String phone, String code) {
        return AuthApi.client().body(Map.of("phoneNumber", phone, "otp", code)).post("/api/v1/auth/password/verify");
    }

    static Response reset(String token, String password) {
        return AuthApi.client().body(Map.of("resetToken", token, "newPassword", password))
                .post("/api/v1/auth/password/reset");
    }

    @Test
    void loginWithTheRightPasswordAnswersTokens() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("user.id", equalTo(s.userId()))
                .body("tokenType", equalTo("Bearer"))
                .header("Set-Cookie", org.hamcrest.Matchers.startsWith("refresh_token="));
    }

    @Test
    void aWrongPasswordAndAnUnknownPhoneGetTheSame401() {
        AuthApi.Session s = AuthApi.newCustomer();
        String wrong = AuthApi.login(s.phone(), "Not-The-Password-1").then().statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        String unknown = AuthApi.login(AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(401)
                .extract().path("detail");
        assertThat(wrong).isEqualTo(unknown);
        AuthApi.login(s.phone(), "").then().statusCode(401);
        AuthApi.client().body(Map.of("phoneNumber", s.phone())).post("/api/v1/auth/login").then().statusCode(400)
                .body("violations.field", hasItem("password"));
        AuthApi.login("0000", AuthApi.PASSWORD).then().statusCode(400);
    }

    @Test
    void forgotAnswersTheSameWhetherOrNotThePhoneHasAnAccount() {
        int samples = 15;
        List<AuthApi.Session> customers = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            customers.add(AuthApi.newCustomer());
        }
        long[] knownMillis = new long[samples];
        long[] unknownMillis = new long[samples];
        for (int i = 0; i < samples; i++) {
            AuthApi.Session s = customers.get(i);
            String stranger = AuthApi.newPhone();
            // interleaved and in alternating order, so drift in the machine's load hits both alike
            Response unknown;
            Response known;
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                unknown = forgot(stranger);
                unknownMillis[i] = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                known = forgot(s.phone());
                knownMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            } else {
                long t0 = System.nanoTime();
                known = forgot(s.phone());
                knownMillis[i] = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                unknown = forgot(stranger);
                unknownMillis[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            known.then().statusCode(202);
            unknown.then().statusCode(202);
            assertThat(known.asString()).isEqualTo(unknown.asString());
            assertThat(known.contentType()).isEqualTo(unknown.contentType());
            assertThat(AuthApi.otp(s.phone(), "reset")).matches("[0-9]{6}");
            assertThat(AuthApi.latestCode(stranger, "reset")).isNull();

            if (i == 0) {
                // a wrong code is answered alike too (a code is kept for the stranger that nobody was sent)
                String code = AuthApi.otp(s.phone(), "reset");
                String knownDetail = verify(s.phone(), AuthApi.wrong(code)).then().statusCode(400)
                        .extract().path("detail");
                String unknownDetail = verify(stranger, AuthApi.wrong(code)).then().statusCode(400)
                        .extract().path("detail");
                assertThat(unknownDetail).isEqualTo(knownDetail).contains("4 attempt(s) left");
                // the same limits apply to both, so a 429 reveals nothing either
                forgot(s.phone()).then().statusCode(429);
                forgot(stranger).then().statusCode(429);
            }
        }
        long knownMedian = median(knownMillis);
        long unknownMedian = median(unknownMillis);
        // neither the provider call nor anything slow is on the answer path for one and not the other: with 15
        // samples each, the medians are within a few milliseconds (the allowance absorbs this machine's jitter; a
        // provider call or a password hash on one path alone would exceed it)
        assertThat(Math.abs(knownMedian - unknownMedian)).as("known %s, unknown %s", Arrays.toString(knownMillis),
                Arrays.toString(unknownMillis)).isLessThanOrEqualTo(
                        Math.max(25, Math.min(knownMedian,
                                unknownMedian) / 2));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void resetSetsTheNewPasswordAndRevokesEverySession() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.Session second = AuthApi.loginEventually(s.phone(), AuthApi.PASSWORD);
        AuthApi.Session third = AuthApi.loginEventually(s.phone(), AuthApi.PASSWORD);

        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            forgot(s.phone()).then().statusCode(202);
            String token = verify(s.phone(), AuthApi.otp(s.phone(), "reset")).then().statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("expiresIn", equalTo(900))
                    .extract().path("resetToken");

            AuthApi.client().header("X-Request-Id", "reset-request-0001")
                    .body(Map.of("resetToken", token, "newPassword", NEW_PASSWORD))
                    .post("/api/v1/auth/password/reset").then().statusCode(204);

            List<EventEnvelope> revoked = probe.awaitEvents("SessionRevoked", 3, Duration.ofSeconds(20)).stream()
                    .filter(e -> e.data().get("userId").asText().equals(s.userId())).toList();
            assertThat(revoked).hasSize(3);
            assertThat(revoked).allSatisfy(e -> assertThat(e.data().get("reason").asText())
                    .isEqualTo("password-reset"));
            // the request id follows the request through the password hashing on a worker thread
            assertThat(revoked).allSatisfy(e -> assertThat(e.correlationId()).isEqualTo("reset-request-0001"));
        }
        assertThat(sessions.activeOf(s.userId()).await().indefinitely()).isEmpty();
        refresh(s.refreshToken()).then().statusCode(401);
        refresh(second.refreshToken()).then().statusCode(401);
        refresh(third.refreshToken()).then().statusCode(401);
        AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(401);
        AuthApi.login(s.phone(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void aResetTokenWorksOnce() {
        AuthApi.Session s = AuthApi.newCustomer();
        forgot(s.phone()).then().statusCode(202);
        String token = verify(s.phone(), AuthApi.otp(s.phone(), "reset")).then().statusCode(200)
                .extract().path("resetToken");

        reset(token, NEW_PASSWORD).then().statusCode(204);
        reset(token, "Yet-Another-Passphrase-3").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-reset-token"));
        AuthApi.login(s.phone(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void anExpiredResetTokenIsRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        forgot(s.phone()).then().statusCode(202);
        String token = verify(s.phone(), AuthApi.otp(s.phone(), "reset")).then().statusCode(200)
                .extract().path("resetToken");
        resetTokens.mongoCollection().updateOne(Filters.eq("_id", dev.shop.auth.domain.OpaqueTokens.hash(token)),
                Updates.set("expiresAt", Instant.now().minusSeconds(1))).await().indefinitely();

        reset(token, NEW_PASSWORD).then().statusCode(400).body("type", equalTo("/problems/invalid-reset-token"));
        AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(200);
    }

    @Test
    void aWeakNewPasswordIsA400AndDoesNotUseUpTheToken() {
        AuthApi.Session s = AuthApi.newCustomer();
        forgot(s.phone()).then().statusCode(202);
        String token = verify(s.phone(), AuthApi.otp(s.phone(), "reset")).then().statusCode(200)
                .extract().path("resetToken");

        reset(token, "password1").then().statusCode(400).body("violations.field", hasItem("newPassword"));
        reset(token, "short").then().statusCode(400);
        reset(token, NEW_PASSWORD).then().statusCode(204);
    }

    @Test
    void badCodesAndTokensAreRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        forgot(s.phone()).then().statusCode(202);
        String code = AuthApi.otp(s.phone(), "reset");
        verify(s.phone(), AuthApi.wrong(code)).then().statusCode(400).body("type", equalTo("/problems/invalid-otp"));
        verify(AuthApi.newPhone(), code).then().statusCode(400);
        reset("garbage", NEW_PASSWORD).then().statusCode(400).body("type", equalTo("/problems/invalid-reset-token"));
        reset("A".repeat(43), NEW_PASSWORD).then().statusCode(400);
        AuthApi.client().body("{\"resetToken\":{\"$ne\":null},\"newPassword\":\"Whatever-Long-1\"}")
                .post("/api/v1/auth/password/reset").then().statusCode(400);
        AuthApi.client().body(Map.of("newPassword", NEW_PASSWORD)).post("/api/v1/auth/password/reset").then()
                .statusCode(400).body("violations.field", hasItem("resetToken"));
    }

    @Test
    void blockedAccountsCannotLogIn() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/block").then()
                .statusCode(200);
        AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(403)
                .body("type", equalTo("/problems/account-blocked"));
        // a wrong password does not reveal the block
        AuthApi.login(s.phone(), "Not-The-Password-1").then().statusCode(401);
    }

    static Response refresh(String token) {
        return AuthApi.client().body(Map.of("refreshToken", token)).post("/api/v1/auth/refresh");
    }
}
