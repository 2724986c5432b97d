package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The OTP rules of the auth API (docs/api.md), observed over HTTP; time passes by ageing the stored challenge. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OtpRulesResourceTest {

    @Inject
    OtpChallengeRepository challenges;
    @Inject
    UserRepository users;

    static void ageCooldown(OtpChallengeRepository challenges, String purpose, String phone) {
        challenges.mongoCollection().updateOne(Filters.eq("_id", purpose + ":" + phone),
                Updates.set("cooldownUntil", Instant.now().minusSeconds(1))).await().indefinitely();
    }

    private static Response requestLoginCode(String phone, String ip) {
        return AuthApi.client(ip).body(Map.of("phoneNumber", phone, "channel", "sms")).post("/api/v1/auth/otp/request");
    }

    private static Response loginWithCode(String phone, String code) {
        return AuthApi.client().body(Map.of("phoneNumber", phone, "otp", code)).post("/api/v1/auth/otp/verify");
    }

    @Test
    void theConsoleProviderAppendsPhoneCodePurposeAndTime() {
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202)
                .body("otp.expiresInSeconds", equalTo(300)).body("otp.resendAfterSeconds", equalTo(30));

        String line = AuthApi.logLines().stream().filter(l -> l.startsWith(phone + " ")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(line).matches("\\+9198[0-9]{8} [0-9]{6} login \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }

    @Test
    void onlyAKeyedHashOfTheCodeIsStored() {
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        String code = AuthApi.otp(phone, "login");

        OtpChallengeDocument stored = challenges.findById("login:" + phone).await().indefinitely();
        assertThat(stored.codeHash).isNotBlank().doesNotContain(code).hasSize(43);
        assertThat(stored.expiresAt).isAfter(Instant.now().plusSeconds(290)).isBefore(Instant.now().plusSeconds(301));
    }

    @Test
    void anExpiredCodeIsRefused() {
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        String code = AuthApi.otp(phone, "login");
        challenges.mongoCollection().updateOne(Filters.eq("_id", "login:" + phone),
                Updates.set("expiresAt", Instant.now().minusSeconds(1))).await().indefinitely();

        loginWithCode(phone, code).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"))
                .body("detail", containsString("expired"));
        assertThat(users.findByPhone(phone).await().indefinitely()).isNull();
    }

    @Test
    void afterFiveWrongAttemptsEvenTheRightCodeIsDead() {
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        String code = AuthApi.otp(phone, "login");

        for (int i = 4; i >= 1; i--) {
            loginWithCode(phone, AuthApi.wrong(code)).then().statusCode(400)
                    .body("detail", containsString(i + " attempt(s) left"));
        }
        loginWithCode(phone, AuthApi.wrong(code)).then().statusCode(400)
                .body("detail", containsString("no longer valid"));
        loginWithCode(phone, code).then().statusCode(400).body("detail", containsString("Too many wrong attempts"));

        // a new code starts over
        ageCooldown(challenges, "login", phone);
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        loginWithCode(phone, AuthApi.otp(phone, "login")).then().statusCode(200);
    }

    @Test
    void aCodeForOnePurposeDoesNotWorkForAnother() {
        String phone = AuthApi.newPhone();
        AuthApi.register("purpose test", phone, AuthApi.PASSWORD).then().statusCode(202);
        loginWithCode(phone, AuthApi.otp(phone, "register")).then().statusCode(400);
    }

    @Test
    void aResendWithinTheCooldownIsA429WithRetryAfter() {
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        String first = AuthApi.otp(phone, "login");

        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(30))
                .body("type", equalTo("/problems/rate-limited"));
        assertThat(AuthApi.latestCode(phone, "login")).isEqualTo(first);

        ageCooldown(challenges, "login", phone);
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
        String second = AuthApi.otp(phone, "login");
        // the earlier code is replaced by the new one
        if (!second.equals(first)) {
            loginWithCode(phone, first).then().statusCode(400);
        }
        loginWithCode(phone, second).then().statusCode(200);
    }

    @Test
    void theSixthCodeToOnePhoneWithinAnHourIsA429() {
        String phone = AuthApi.newPhone();
        for (int i = 0; i < 5; i++) {
            requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
            ageCooldown(challenges, "login", phone);
        }
        Response refused = requestLoginCode(phone, AuthApi.randomIp());
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("this phone number"))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(3600));
        // other purposes have the same phone budget
        ageCooldown(challenges, "reset", phone);
        AuthApi.client().body(Map.of("phoneNumber", phone)).post("/api/v1/auth/password/forgot")
                .then().statusCode(429);
    }

    @Test
    void oneAddressCannotRequestMoreThanItsHourlyCeiling() {
        // the test profile's ceiling is 20; the default (300) is meant for a carrier's NAT address
        String ip = AuthApi.randomIp();
        for (int i = 0; i < 20; i++) {
            requestLoginCode(AuthApi.newPhone(), ip).then().statusCode(202);
        }
        String phone = AuthApi.newPhone();
        requestLoginCode(phone, ip).then().statusCode(429)
                .body("detail", containsString("this address"))
                .header("Retry-After", Integer::parseInt, greaterThan(0));
        // the refused request took nothing from the phone: from another address it goes through at once
        requestLoginCode(phone, AuthApi.randomIp()).then().statusCode(202);
    }

    @Test
    void oneBlockOfNumbersSharesAnHourlyBudget() {
        // numbers that differ only in their last three digits: what SMS pumping walks through
        String block = AuthApi.newPhone().substring(0, 10);
        for (int i = 0; i < 30; i++) {
            requestLoginCode(block + String.format("%03d", i), AuthApi.randomIp()).then().statusCode(202);
        }
        requestLoginCode(block + "999", AuthApi.randomIp()).then().statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("numbers like this one"));
        // another block is not affected
        requestLoginCode(AuthApi.newPhone(), AuthApi.randomIp()).then().statusCode(202);
    }

    @Test
    void codesGoOnlyToMobileNumbersOfTheAllowedRegions() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String us = util.format(util.getExampleNumberForType("US", PhoneNumberUtil.PhoneNumberType.MOBILE),
                PhoneNumberUtil.PhoneNumberFormat.E164);
        String gbPremium = util.format(util.getExampleNumberForType("GB", PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE),
                PhoneNumberUtil.PhoneNumberFormat.E164);
        String inTollFree = util.format(util.getExampleNumberForType("IN", PhoneNumberUtil.PhoneNumberType.TOLL_FREE),
                PhoneNumberUtil.PhoneNumberFormat.E164);
        for (String number : new String[] { us, gbPremium, inTollFree }) {
            requestLoginCode(number, AuthApi.randomIp()).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("phoneNumber"));
            AuthApi.client().body(Map.of("phoneNumber", number)).post("/api/v1/auth/password/forgot")
                    .then().statusCode(400);
            AuthApi.register("pumped", number, AuthApi.PASSWORD).then().statusCode(400);
        }
        assertThat(AuthApi.logLines()).noneMatch(l -> l.startsWith(us + " ") || l.startsWith(gbPremium + " ")
                || l.startsWith(inTollFree + " "));
    }

    @Test
    void channelMustBeSmsOrVoice() {
        AuthApi.client().body(Map.of("phoneNumber", AuthApi.newPhone(), "channel", "pigeon"))
                .post("/api/v1/auth/otp/request").then().statusCode(400)
                .body("violations[0].field", equalTo("channel"));
        AuthApi.client().body(Map.of("phoneNumber", AuthApi.newPhone(), "channel", "voice"))
                .post("/api/v1/auth/otp/request").then().statusCode(202);
        AuthApi.client().body(Map.of("phoneNumber", AuthApi.newPhone()))
                .post("/api/v1/auth/otp/request").then().statusCode(202);
        AuthApi.client().body(Map.of("channel", "sms")).post("/api/v1/auth/otp/request").then().statusCode(400);
    }

    @Test
    void whenTheProviderFailsTheAnswerIs503AndNothingIsStored() throws IOException {
        Path log = AuthApi.otpLog();
        Path saved = log.resolveSibling("dev-otp.log.saved");
        Files.move(log, saved);
        Files.createDirectories(log); // the provider cannot append to a folder
        String phone = AuthApi.newPhone();
        String ip = AuthApi.randomIp();
        try {
            AuthApi.client(ip).body(Map.of("username", "unlucky", "phoneNumber", phone, "password",
                    AuthApi.PASSWORD)).post("/api/v1/auth/register")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("/problems/service-unavailable"));
            requestLoginCode(phone, ip).then().statusCode(503);
        } finally {
            Files.delete(log);
            Files.move(saved, log);
        }
        assertThat(users.findByPhone(phone).await().indefinitely()).isNull();
        OtpChallengeDocument challenge = challenges.findById("register:" + phone).await().indefinitely();
        assertThat(challenge == null || challenge.codeHash == null).isTrue();

        // no cooldown or budget was used up by the failed sends
        String registrationId = AuthApi.client(ip).body(Map.of("username", "unlucky", "phoneNumber", phone, "password",
                AuthApi.PASSWORD)).post("/api/v1/auth/register").then().statusCode(202).extract().path("registrationId");
        AuthApi.verifyRegistration(registrationId, phone, AuthApi.otp(phone, "register")).then().statusCode(201);
    }
}
