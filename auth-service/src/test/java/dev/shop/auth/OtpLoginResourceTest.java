package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
class OtpLoginResourceTest {

    @Inject
    UserRepository users;
    @Inject
    OtpChallengeRepository challenges;

    static Response request(String phone, String channel) {
        return AuthApi.client().body(Map.of("phoneNumber", phone, "channel", channel))
                .post("/api/v1/auth/otp/request");
    }

    static Response verify(Map<String, Object> body) {
        return AuthApi.client().body(body).post("/api/v1/auth/otp/verify");
    }

    @Test
    void theFirstLoginCreatesTheAccountAndTheNextOnesDoNot() {
        String phone = AuthApi.newPhone();
        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_USERS)) {
            request(phone, "voice").then().statusCode(202).body("otp.expiresInSeconds", equalTo(300));
            Response first = verify(Map.of("phoneNumber", phone, "otp", AuthApi.otp(phone, "login"), "fullName",
                    "  Asha Verma "));
            first.then().statusCode(200)
                    .body("newUser", equalTo(true))
                    .body("tokenType", equalTo("Bearer"))
                    .body("accessToken", notNullValue())
                    .body("user.fullName", equalTo("Asha Verma"))
                    .body("user.phoneNumber", equalTo(phone))
                    .body("user.roles", equalTo(List.of("customer")));
            assertThat(first.getHeader("Set-Cookie")).startsWith("refresh_token=").contains("HttpOnly");
            String userId = first.path("user.id");

            EventEnvelope event = EventJson.read(probe.await(r -> userId.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0).value());
            assertThat(event.type()).isEqualTo("UserRegistered");
            assertThat(EventJson.dataAs(event, UserRegistered.class).method()).isEqualTo("otp");
        }
        // wait out the cooldown by ageing it
        OtpRulesResourceTest.ageCooldown(challenges, "login", phone);
        request(phone, "sms").then().statusCode(202);
        verify(Map.of("phoneNumber", phone, "otp", AuthApi.otp(phone, "login")))
                .then().statusCode(200)
                .body("newUser", equalTo(false))
                .body("user.fullName", equalTo("Asha Verma"));
        assertThat(users.count("phoneNumber", phone).await().indefinitely()).isEqualTo(1);
    }

    @Test
    void aPendingRegistrationIsActivatedWithoutThePasswordSomeoneElseChose() {
        String phone = AuthApi.newPhone();
        AuthApi.register("squatter", phone, "Squatters-Secret-1").then().statusCode(202);

        request(phone, "sms").then().statusCode(202);
        verify(Map.of("phoneNumber", phone, "otp", AuthApi.otp(phone, "login")))
                .then().statusCode(200).body("newUser", equalTo(true));

        UserDocument doc = users.findByPhone(phone).await().indefinitely();
        assertThat(doc.status).isEqualTo("ACTIVE");
        assertThat(doc.passwordHash).isNull();
        AuthApi.login(phone, "Squatters-Secret-1").then().statusCode(401);
    }

    @Test
    void aBlockedAccountLearnsItIsBlockedOnlyAfterProvingThePhone() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/block").then()
                .statusCode(200);

        // the request answers as for any phone: whether an account exists (or is blocked) is nobody else's business
        Response blocked = request(s.phone(), "sms");
        Response stranger = request(AuthApi.newPhone(), "sms");
        blocked.then().statusCode(202);
        assertThat(blocked.asString()).isEqualTo(stranger.asString());

        verify(Map.of("phoneNumber", s.phone(), "otp", AuthApi.otp(s.phone(), "login")))
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/account-blocked"));
    }

    @Test
    void invalidInputIsA400() {
        verify(Map.of("phoneNumber", AuthApi.newPhone(), "otp", "abc")).then().statusCode(400)
                .body("violations.field", hasItem("otp"));
        verify(Map.of("phoneNumber", "not a phone", "otp", "123456")).then().statusCode(400);
        verify(Map.of("phoneNumber", AuthApi.newPhone(), "otp", "123456", "fullName", "x".repeat(101)))
                .then().statusCode(400).body("violations.field", hasItem("fullName"));
        AuthApi.client().body("{\"phoneNumber\":{\"$ne\":null},\"otp\":\"123456\"}").post("/api/v1/auth/otp/verify")
                .then().statusCode(400);
        // never requested
        verify(Map.of("phoneNumber", AuthApi.newPhone(), "otp", "123456")).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-otp"));
    }

    @Test
    void rolesInTheBodyAreIgnored() {
        String phone = AuthApi.newPhone();
        request(phone, "sms").then().statusCode(202);
        verify(Map.of("phoneNumber", phone, "otp", AuthApi.otp(phone, "login"), "roles", List.of("admin"), "id",
                "000000000000000000000001")).then().statusCode(200)
                .body("user.roles", equalTo(List.of("customer")));
    }
}
