package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
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
    void registrationMakesNoAccountUntilItsOtpIsVerifiedThenAnswersTokens() {
        String phone = AuthApi.newPhone();

        String registrationId = AuthApi.register("Ravi K", phone, AuthApi.PASSWORD)
                .then().statusCode(202)
                .body("otp.expiresInSeconds", equalTo(300))
                .body("otp.resendAfterSeconds", equalTo(30))
                .body("registrationId", notNullValue())
                .extract().path("registrationId");
        assertThat(users.findByPhone(phone).await().indefinitely()).isNull();
        OtpChallengeDocument registration = challenges
                .findById(OtpChallengeDocument.registrationKey(registrationId)).await().indefinitely();
        assertThat(registration.passwordHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(registration.username).isEqualTo("Ravi K");

        // no active password account before the OTP
        AuthApi.login(phone, AuthApi.PASSWORD).then().statusCode(401).contentType("application/problem+json");

        Response verified = AuthApi.verifyRegistration(registrationId, phone, AuthApi.otp(phone, "register"));
        verified.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .body("user.phoneNumber", equalTo(phone))
                .body("user.username", equalTo("Ravi K"))
                .body("user.roles", equalTo(List.of("customer")))
                .body("user.createdAt", notNullValue())
                .body("newUser", equalTo(true))
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
        String registrationId = AuthApi.registered("normalised", national, AuthApi.PASSWORD);
        AuthApi.verifyRegistration(registrationId, national, AuthApi.otp(phone, "register"))
                .then().statusCode(201).body("user.phoneNumber", equalTo(phone));
    }

    @Test
    void registeringThePhoneOfAnAccountAnswersLikeANewPhoneAndOnlySignsTheOwnerIn() {
        AuthApi.Session owner = AuthApi.newCustomer();
        ageCooldown(owner.phone());
        String stranger = AuthApi.newPhone();

        Response known = AuthApi.register("someone else", owner.phone(), "Another-Passphrase-9");
        Response unknown = AuthApi.register("someone else", stranger, "Another-Passphrase-9");
        known.then().statusCode(202);
        unknown.then().statusCode(202);
        assertThat(shape(known)).isEqualTo(shape(unknown));

        // the owner is told they already have an account; that code signs in to it, unchanged
        String code = AuthApi.otp(owner.phone(), "account-exists");
        assertThat(AuthApi.logLines().stream().filter(l -> l.startsWith(owner.phone() + " ")).reduce((a, b) -> b))
                .hasValueSatisfying(last -> assertThat(last.split(" ")[2]).isEqualTo("account-exists"));
        AuthApi.verifyRegistration(known.path("registrationId"), owner.phone(), code)
                .then().statusCode(201)
                .body("user.id", equalTo(owner.userId()))
                .body("user.username", equalTo("user " + owner.phone().substring(5)))
                .body("newUser", equalTo(false));
        AuthApi.login(owner.phone(), "Another-Passphrase-9").then().statusCode(401);
        AuthApi.login(owner.phone(), AuthApi.PASSWORD).then().statusCode(200);
        assertThat(users.count("phoneNumber", owner.phone()).await().indefinitely()).isEqualTo(1);
    }

    @Test
    void aSecondRegistrationOfAPendingPhoneCannotTakeOverTheFirst() {
        String phone = AuthApi.newPhone();
        String victims = AuthApi.registered("victim", phone, AuthApi.PASSWORD);
        String victimsCode = AuthApi.otp(phone, "register");
        ageCooldown(phone);
        String attackers = AuthApi.registered("attacker", phone, "Attackers-Passphrase-77");
        String attackersCode = AuthApi.otp(phone, "register");
        assertThat(attackersCode).isNotEqualTo(victimsCode);

        // the victim types the newest code they got: it was sent for the other registration and confirms nothing
        AuthApi.verifyRegistration(victims, phone, attackersCode).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
        // their own code still confirms their own registration, with their own password
        AuthApi.verifyRegistration(victims, phone, victimsCode).then().statusCode(201)
                .body("user.username", equalTo("victim"));
        AuthApi.login(phone, "Attackers-Passphrase-77").then().statusCode(401);
        AuthApi.login(phone, AuthApi.PASSWORD).then().statusCode(200);
        // and the attacker's registration, even with its code, only signs in to the account that now exists
        AuthApi.verifyRegistration(attackers, phone, attackersCode).then().statusCode(201)
                .body("user.username", equalTo("victim"));
        AuthApi.login(phone, "Attackers-Passphrase-77").then().statusCode(401);
        assertThat(users.count("phoneNumber", phone).await().indefinitely()).isEqualTo(1);
    }

    @Test
    void aRegistrationIsConfirmedOnlyWithItsOwnIdAndPhone() {
        String phone = AuthApi.newPhone();
        String registrationId = AuthApi.registered("bound", phone, AuthApi.PASSWORD);
        String code = AuthApi.otp(phone, "register");

        AuthApi.verifyRegistration("0".repeat(32), phone, code).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
        AuthApi.verifyRegistration(registrationId, AuthApi.newPhone(), code).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
        AuthApi.client().body(Map.of("phoneNumber", phone, "otp", code)).post("/api/v1/auth/register/verify")
                .then().statusCode(400).body("violations.field", hasItem("registrationId"));
        AuthApi.verifyRegistration(registrationId, phone, code).then().statusCode(201);
    }

    /** The answer with the (random) registration id masked. */
    private static String shape(Response r) {
        return r.asString().replace((String) r.path("registrationId"), "<id>") + " " + r.contentType();
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
        String registrationId = AuthApi.client().body(Map.of("username", "sneaky", "phoneNumber", phone, "password",
                AuthApi.PASSWORD, "roles", List.of("admin"), "id", "000000000000000000000001", "status", "ACTIVE"))
                .post("/api/v1/auth/register").then().statusCode(202).extract().path("registrationId");
        assertThat(users.findByPhone(phone).await().indefinitely()).isNull();

        Response r = AuthApi.client().body(Map.of("registrationId", registrationId, "phoneNumber", phone, "otp",
                AuthApi.otp(phone, "register"), "roles", List.of("admin"))).post("/api/v1/auth/register/verify");
        r.then().statusCode(201).body("user.roles", equalTo(List.of("customer")));
        assertThat((String) r.path("user.id")).isNotEqualTo("000000000000000000000001");
        new AuthApi.Session(phone, r.path("accessToken"), null, r.path("user.id"), null).authorized()
                .get("/api/v1/auth/admin/users").then().statusCode(403);
    }

    @Test
    void aWrongOrMissingCodeDoesNotActivate() {
        String phone = AuthApi.newPhone();
        String registrationId = AuthApi.registered("wrong code", phone, AuthApi.PASSWORD);
        String code = AuthApi.otp(phone, "register");

        AuthApi.verifyRegistration(registrationId, phone, AuthApi.wrong(code)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-otp"))
                .body("detail", containsString("4 attempt(s) left"));
        AuthApi.verifyRegistration(registrationId, phone, "12ab56").then().statusCode(400)
                .body("violations.field", hasItem("otp"));
        assertThat(users.findByPhone(phone).await().indefinitely()).isNull();

        AuthApi.verifyRegistration(registrationId, phone, code).then().statusCode(201);
        // single use
        AuthApi.verifyRegistration(registrationId, phone, code).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
    }

    private void ageCooldown(String phone) {
        OtpRulesResourceTest.ageCooldown(challenges, "register", phone);
    }
}
