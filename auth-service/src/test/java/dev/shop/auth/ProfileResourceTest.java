package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.UserUpdated;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ProfileResourceTest {

    @Test
    void theProfileIsTheTokensSubject() {
        AuthApi.Session s = AuthApi.newCustomer();
        s.authorized().get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo(s.userId()))
                .body("phoneNumber", equalTo(s.phone()))
                .body("username", equalTo("user " + s.phone().substring(5)))
                .body("fullName", nullValue())
                .body("email", nullValue())
                .body("roles", equalTo(List.of("customer")))
                .body("createdAt", org.hamcrest.Matchers.notNullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void patchChangesTheGivenFieldsAndEmitsUserUpdated() {
        AuthApi.Session s = AuthApi.newCustomer();
        try (TopicProbe probe = TopicProbe.open(Topics.IDENTITY_USERS)) {
            s.authorized().body(Map.of("fullName", " Meera Nair ", "email", "meera@example.com"))
                    .patch("/api/v1/me").then().statusCode(200)
                    .body("fullName", equalTo("Meera Nair"))
                    .body("email", equalTo("meera@example.com"))
                    .body("username", equalTo("user " + s.phone().substring(5)));

            EventEnvelope event = EventJson.read(probe.await(r -> s.userId().equals(r.key())
                    && EventJson.read(r.value()).type().equals("UserUpdated"), 1, Duration.ofSeconds(20)).get(0)
                    .value());
            UserUpdated data = EventJson.dataAs(event, UserUpdated.class);
            assertThat(data.changedFields()).containsExactly("fullName", "email");
            assertThat(data.email()).isEqualTo("meera@example.com");
        }
        // an empty string clears, an absent field stays
        s.authorized().body(Map.of("email", "")).patch("/api/v1/me").then().statusCode(200)
                .body("email", nullValue()).body("fullName", equalTo("Meera Nair"));
        s.authorized().body(Map.of("username", "meera.n")).patch("/api/v1/me").then().statusCode(200)
                .body("username", equalTo("meera.n"));
        s.authorized().get("/api/v1/me").then().body("username", equalTo("meera.n"));
    }

    @Test
    void rolesIdAndPhoneInThePatchAreIgnored() {
        AuthApi.Session s = AuthApi.newCustomer();
        s.authorized().body(Map.of("roles", List.of("admin"), "id", "000000000000000000000001", "phoneNumber",
                "+919811111111", "fullName", "Sneaky")).patch("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of("customer")))
                .body("id", equalTo(s.userId()))
                .body("phoneNumber", equalTo(s.phone()));
        // the refreshed token does not carry admin either
        given().cookie("refresh_token", s.refreshToken()).post("/api/v1/auth/refresh").then().statusCode(200)
                .body("user.roles", equalTo(List.of("customer")));
    }

    @Test
    void invalidValuesAreA400() {
        AuthApi.Session s = AuthApi.newCustomer();
        s.authorized().body(Map.of("email", "not-an-email")).patch("/api/v1/me").then().statusCode(400)
                .body("violations.field", hasItem("email"));
        s.authorized().body(Map.of("username", "x")).patch("/api/v1/me").then().statusCode(400)
                .body("violations.field", hasItem("username"));
        s.authorized().body(Map.of("fullName", "y".repeat(101))).patch("/api/v1/me").then().statusCode(400);
        s.authorized().body("{\"fullName\":{\"$set\":{\"roles\":[\"admin\"]}}}").patch("/api/v1/me").then()
                .statusCode(400).contentType("application/problem+json");
        s.authorized().body("[]").patch("/api/v1/me").then().statusCode(400);
        s.authorized().get("/api/v1/me").then().body("roles", equalTo(List.of("customer")));
    }

    @Test
    void withoutATokenTheProfileIs401() {
        given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("fullName", "x")).patch("/api/v1/me").then()
                .statusCode(401);
    }

    @Test
    void aBlockedUsersStillValidAccessTokenCannotUseTheProfile() {
        AuthApi.Session s = AuthApi.newCustomer();
        AuthApi.admin().authorized().post("/api/v1/auth/admin/users/" + s.userId() + "/block").then()
                .statusCode(200);
        // the block ended every session: the token is refused at once, and a refresh says why
        s.authorized().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        s.authorized().body(Map.of("fullName", "x")).patch("/api/v1/me").then().statusCode(401);
        AuthApi.client().body(Map.of("refreshToken", s.refreshToken())).post("/api/v1/auth/refresh").then()
                .statusCode(401);
    }
}
