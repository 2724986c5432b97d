package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.auth.persistence.UserDocument;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.UserRegistered;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class RegistrationResourceTest {

    @Inject
    UserRepository users;
    @Inject
    OtpChallengeRepository challenges;

    @Test
    void registrationIsPendingUntilTheOtpIsVerifiedThenAnswersTokens() {
        String phone = AuthApi.newPhone();

        AuthApi.register("Ravi K", phone, AuthApi.PASSWORD)
                .then().statusCode(202)
                .body("otp.expiresInSeconds", equalTo(300))
                .body("otp.resendAfterSeconds", equalTo(30));
        UserDocument pending = users.findByPhone(phone).await().indefinitely();
        assertThat(pending.status).isEqualTo("PENDING");
        assertThat(pending.passwordHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        // no active password account before the OTP
        AuthApi.login(phone, AuthApi.PASSWORD).then().statusCode(401).contentType("application/problem+json");

        Response verified = AuthApi.verifyRegistration(phone, AuthApi.otp(phone, "register"));
        verified.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .body("user.phoneNumber", equalTo(phone))
                .body("user.username", equalTo("Ravi K"))
                .body("user.roles", equalTo(List.of("customer")))
                .body("user.createdAt", notNullValue())
                .body("newUser", nullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("refreshToken")));
        String cookie = verified.getHeader("Set-Cookie");
        assertThat(cookie).startsWith("refresh_token=").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Strict").contains("Path=/api/v1/auth").contains("Max-Age=1209600");
        assertThat(users.findByPhone(phone).await().indefinitely().status).isEqualTo("ACTIVE");

        AuthApi.login(phone, AuthApi.PASSWORD).then().statusCode(200);
    }

    @Test
    void verifyingEmitsUserRegistered() {
        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_USERS)) {
            AuthApi.Session s = AuthApi.newCustomer();

            List<EventEnvelope> events = probe.await(r -> s.userId().equals(r.key()), 1, Duration.ofSeconds(20))
                    .stream().map(r -> EventJson.read(r.value())).toList();
            assertThat(events).extracting(EventEnvelope::type).containsExactly("UserRegistered");
            UserRegistered data = EventJson.dataAs(events.get(0), UserRegistered.class);
            assertThat(data.userId()).isEqualTo(s.userId());
            assertThat(data.phoneNumber()).isEqualTo(s.phone());
            assertThat(data.method()).isEqualTo("password");
            assertThat(data.roles()).containsExactly("customer");
            assertThat(events.get(0).source()).isEqualTo("auth-service");
        }
    }

    @Test
    void phoneNumbersAreNormalisedToE164() {
        String phone = AuthApi.newPhone();
        String national = "0" + phone.substring(3, 8) + " " + phone.substring(8);
        AuthApi.register("normalised", national, AuthApi.PASSWORD).then().statusCode(202);
        AuthApi.verifyRegistration(phone, AuthApi.otp(phone, "register"))
                .then().statusCode(201).body("user.phoneNumber", equalTo(phone));
    }

    @Test
    void aPhoneOfAnActiveAccountCannotRegisterAgain() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.register("someone else", s.phone(), "Another-Passphrase-9")
                .then().statusCode(409).contentType("application/problem+json");
        AuthApi.verifyRegistration(s.phone(), "123456").then().statusCode(409);
    }

    @Test
    void registeringAgainWhilePendingReplacesThePendingDetails() {
        String phone = AuthApi.newPhone();
        AuthApi.register("first", phone, AuthApi.PASSWORD).then().statusCode(202);
        ageCooldown(phone);
        AuthApi.register("second", phone, "Second-Passphrase-77").then().statusCode(202);

        AuthApi.verifyRegistration(phone, AuthApi.otp(phone, "register"))
                .then().statusCode(201).body("user.username", equalTo("second"));
        AuthApi.login(phone, AuthApi.PASSWORD).then().statusCode(401);
        AuthApi.login(phone, "Second-Passphrase-77").then().statusCode(200);
        assertThat(users.count("phoneNumber", phone).await().indefinitely()).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreA400NamingTheField() {
        AuthApi.register("ok name", "12345", AuthApi.PASSWORD).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("phoneNumber"));
        AuthApi.register("ok name", "+91 12", AuthApi.PASSWORD).then().statusCode(400);
        AuthApi.register("ab", AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(400)
                .body("violations.field", hasItem("username"));
        AuthApi.register("a".repeat(31), AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(400);
        AuthApi.register("bad<script>", AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(400);
        AuthApi.register("ok name", AuthApi.newPhone(), "short1!").then().statusCode(400)
                .body("violations.field", hasItem("password"));
        AuthApi.register("ok name", AuthApi.newPhone(), "x".repeat(129)).then().statusCode(400);
        AuthApi.register("ok name", AuthApi.newPhone(), "Password123").then().statusCode(400)
                .body("violations[0].message", containsString("too common"));
        AuthApi.client().body(Map.of("username", "x y z")).post("/api/v1/auth/register").then().statusCode(400)
                .body("violations.field", hasItem("password"));
        AuthApi.client().body("{\"username\":").post("/api/v1/auth/register").then().statusCode(400);
        AuthApi.client().post("/api/v1/auth/register").then().statusCode(400);
    }

    @Test
    void usernamesAllowLettersDigitsSpacesAndDotUnderscoreDash() {
        AuthApi.register("Élodie_O'Neil", AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(400);
        AuthApi.register("  Ana-María.R_2  ", AuthApi.newPhone(), AuthApi.PASSWORD).then().statusCode(202);
    }

    @Test
    void operatorInjectionInThePhoneNumberIsA400() {
        AuthApi.client().body("{\"username\":\"abc\",\"phoneNumber\":{\"$ne\":null},\"password\":\"x\"}")
                .post("/api/v1/auth/register").then().statusCode(400).contentType("application/problem+json");
        AuthApi.client().body("{\"phoneNumber\":{\"$ne\":null},\"otp\":\"123456\"}")
                .post("/api/v1/auth/register/verify").then().statusCode(400);
        AuthApi.client().body("{\"phoneNumber\":{\"$ne\":null},\"password\":{\"$gt\":\"\"}}")
                .post("/api/v1/auth/login").then().statusCode(400).contentType("application/problem+json");
        AuthApi.client().body("{\"phoneNumber\":{\"$ne\":null}}")
                .post("/api/v1/auth/password/forgot").then().statusCode(400);
        AuthApi.client().body("{\"phoneNumber\":[\"+919800000000\"],\"channel\":\"sms\"}")
                .post("/api/v1/auth/otp/request").then().statusCode(400);
    }

    @Test
    void rolesAndIdInTheBodyAreIgnored() {
        String phone = AuthApi.newPhone();
        AuthApi.client().body(Map.of("username", "sneaky", "phoneNumber", phone, "password", AuthApi.PASSWORD,
                "roles", List.of("admin"), "id", "000000000000000000000001", "status", "ACTIVE"))
                .post("/api/v1/auth/register").then().statusCode(202);
        assertThat(users.findByPhone(phone).await().indefinitely().status).isEqualTo("PENDING");

        Response r = AuthApi.client().body(Map.of("phoneNumber", phone, "otp", AuthApi.otp(phone, "register"),
                "roles", List.of("admin"))).post("/api/v1/auth/register/verify");
        r.then().statusCode(201).body("user.roles", equalTo(List.of("customer")));
        assertThat((String) r.path("user.id")).isNotEqualTo("000000000000000000000001");
        new AuthApi.Session(phone, r.path("accessToken"), null, r.path("user.id"), null).authorized()
                .get("/api/v1/auth/admin/users").then().statusCode(403);
    }

    @Test
    void aWrongOrMissingCodeDoesNotActivate() {
        String phone = AuthApi.newPhone();
        AuthApi.register("wrong code", phone, AuthApi.PASSWORD).then().statusCode(202);
        String code = AuthApi.otp(phone, "register");

        AuthApi.verifyRegistration(phone, AuthApi.wrong(code)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-otp"))
                .body("detail", containsString("4 attempt(s) left"));
        AuthApi.verifyRegistration(phone, "12ab56").then().statusCode(400).body("violations.field", hasItem("otp"));
        AuthApi.verifyRegistration(AuthApi.newPhone(), code).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
        assertThat(users.findByPhone(phone).await().indefinitely().status).isEqualTo("PENDING");

        AuthApi.verifyRegistration(phone, code).then().statusCode(201);
        // single use
        AuthApi.verifyRegistration(phone, code).then().statusCode(409);
    }

    private void ageCooldown(String phone) {
        OtpRulesResourceTest.ageCooldown(challenges, "register", phone);
    }
}
