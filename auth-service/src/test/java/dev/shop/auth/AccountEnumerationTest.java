package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * No public route tells a phone with an account from one without: the answers are compared side by side (status,
 * body, timing). Registration and the passwordless request are compared in their own tests; forgot-password in
 * {@link PasswordResourceTest}.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AccountEnumerationTest {

    @Inject
    OtpChallengeRepository challenges;

    @Test
    void registeringAKnownOrANewPhoneTakesAsLong() {
        int samples = 9;
        long[] known = new long[samples];
        long[] unknown = new long[samples];
        for (int i = 0; i < samples; i++) {
            AuthApi.Session owner = AuthApi.newCustomer();
            OtpRulesResourceTest.ageCooldown(challenges, "register", owner.phone());
            long t0 = System.nanoTime();
            Response a = AuthApi.register("timing", owner.phone(), "Timing-Passphrase-5");
            known[i] = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            Response b = AuthApi.register("timing", AuthApi.newPhone(), "Timing-Passphrase-5");
            unknown[i] = (System.nanoTime() - t0) / 1_000_000;
            a.then().statusCode(202);
            b.then().statusCode(202);
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        // both hash the password and send a message: a path without the ~50 ms hash would stand out
        assertThat(Math.abs(knownMedian - unknownMedian)).as("known %s, unknown %s", Arrays.toString(known),
                Arrays.toString(unknown)).isLessThanOrEqualTo(Math.max(25, Math.min(knownMedian, unknownMedian) / 2));
    }

    @Test
    void repeatedFailedSignInsLockAPhoneWhetherOrNotItHasAnAccount() {
        AuthApi.Session owner = AuthApi.newCustomer();
        String stranger = AuthApi.newPhone();
        for (int i = 0; i < 5; i++) {
            String a = AuthApi.login(owner.phone(), "Wrong-Passphrase-" + i).then().statusCode(401).extract()
                    .asString();
            String b = AuthApi.login(stranger, "Wrong-Passphrase-" + i).then().statusCode(401).extract().asString();
            assertThat(withoutTraceId(a)).isEqualTo(withoutTraceId(b));
        }
        // the sixth attempt is refused before the password is even looked at: the right one too
        Response locked = AuthApi.login(owner.phone(), AuthApi.PASSWORD);
        Response lockedStranger = AuthApi.login(stranger, AuthApi.PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .body("type", equalTo("/problems/rate-limited"));
        lockedStranger.then().statusCode(429);
        // Same answer; the wait differs only by the seconds between the two phones' first failures.
        assertThat(withoutRetryAfter(withoutTraceId(locked.asString())))
                .isEqualTo(withoutRetryAfter(withoutTraceId(lockedStranger.asString())));
        assertThat(Integer.parseInt(locked.header("Retry-After")))
                .isCloseTo(Integer.parseInt(lockedStranger.header("Retry-After")), org.assertj.core.api.Assertions.within(5));
        // another phone from the same address is not affected
        AuthApi.Session other = AuthApi.newCustomer();
        AuthApi.login(other.phone(), AuthApi.PASSWORD).then().statusCode(200);
        // and the locked owner can still sign in with a code
        AuthApi.client().body(Map.of("phoneNumber", owner.phone(), "channel", "sms")).post("/api/v1/auth/otp/request")
                .then().statusCode(202);
        AuthApi.client().body(Map.of("phoneNumber", owner.phone(), "otp", AuthApi.otp(owner.phone(), "login")))
                .post("/api/v1/auth/otp/verify").then().statusCode(200);
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() {
        AuthApi.Session s = AuthApi.newCustomer();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                AuthApi.login(s.phone(), "Wrong-Passphrase-" + i).then().statusCode(401);
            }
            AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(200);
        }
    }

    private static String withoutTraceId(String body) {
        return body.replaceAll("\"traceId\":\"[^\"]*\"", "");
    }

    private static String withoutRetryAfter(String body) {
        return body.replaceAll("\"retryAfterSeconds\":\\d+", "");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
