package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AdminUsersResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USERS = "/api/v1/auth/admin/users";

    AuthApi.Session admin;

    @BeforeEach
    void logInAsAdmin() {
        admin = AuthApi.admin();
    }

    private List<EventEnvelope> events(TopicProbe probe, String userId, String type) {
        return probe.await(r -> userId.equals(r.key()) && type.equals(EventJson.read(r.value()).type()), 1, WAIT)
                .stream().map(r -> EventJson.read(r.value())).toList();
    }

    @Test
    void onlyAdminsGetIn() {
        AuthApi.Session customer = AuthApi.newCustomer();
        given().get(USERS).then().statusCode(401).contentType("application/problem+json");
        customer.authorized().get(USERS).then().statusCode(403).contentType("application/problem+json");
        customer.authorized().post(USERS + "/" + customer.userId() + "/roles/admin").then().statusCode(403);
        // an admin token of another issuer is not an admin here
        given().auth().oauth2(TestTokens.admin(admin.userId())).get(USERS).then().statusCode(401);
    }

    @Test
    void searchFindsByTextStatusAndRoleAndTreatsTextLiterally() {
        AuthApi.Session s = AuthApi.newCustomer();
        String username = "user " + s.phone().substring(5);

        admin.authorized().queryParam("q", s.phone().substring(3)).get(USERS).then().statusCode(200)
                .body("items.id", equalTo(List.of(s.userId())))
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].phoneNumber", equalTo(s.phone()));
        admin.authorized().queryParam("q", username.toUpperCase()).get(USERS).then()
                .body("items.id", hasItem(s.userId()));
        admin.authorized().queryParam("q", ".*").get(USERS).then().statusCode(200).body("total", equalTo(0));
        admin.authorized().queryParam("q", "(unclosed[").get(USERS).then().statusCode(200);
        admin.authorized().queryParam("role", "admin").get(USERS).then().statusCode(200)
                .body("items.roles", everyItem(hasItem("admin")))
                .body("total", greaterThanOrEqualTo(2));
        admin.authorized().queryParam("status", "active").queryParam("size", 2).get(USERS).then().statusCode(200)
                .body("items", hasSize(2)).body("size", equalTo(2))
                .body("items.status", everyItem(equalTo("ACTIVE")));

        admin.authorized().queryParam("status", "gone").get(USERS).then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        admin.authorized().queryParam("role", "root").get(USERS).then().statusCode(400);
        admin.authorized().queryParam("size", 1000).get(USERS).then().statusCode(400);
        admin.authorized().queryParam("q", "x".repeat(101)).get(USERS).then().statusCode(400);
    }

    @Test
    void getOne() {
        AuthApi.Session s = AuthApi.newCustomer();
        admin.authorized().get(USERS + "/" + s.userId()).then().statusCode(200)
                .body("id", equalTo(s.userId()))
                .body("roles", equalTo(List.of("customer")))
                .body("status", equalTo("ACTIVE"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
        admin.authorized().get(USERS + "/0123456789abcdef01234567").then().statusCode(404)
                .contentType("application/problem+json");
        admin.authorized().get(USERS + "/not-an-id").then().statusCode(404);
    }

    @Test
    void blockEndsTheSessionsAndUnblockLetsTheUserBackIn() {
        AuthApi.Session s = AuthApi.newCustomer();
        try (TopicProbe users = TopicProbe.open(Topics.IDENTITY_USERS);
                TopicProbe sessions = TopicProbe.open(Topics.IDENTITY_SESSIONS)) {
            admin.authorized().body(Map.of("reason", "chargeback fraud")).post(USERS + "/" + s.userId() + "/block")
                    .then().statusCode(200).body("status", equalTo("BLOCKED"));

            UserBlocked blocked = EventJson.dataAs(events(users, s.userId(), "UserBlocked").get(0),
                    UserBlocked.class);
            assertThat(blocked.blockedBy()).isEqualTo(admin.userId());
            assertThat(blocked.reason()).isEqualTo("chargeback fraud");
            EventEnvelope revoked = sessions.await(r -> EventJson.read(r.value()).data().get("userId").asText()
                    .equals(s.userId()), 1, WAIT).stream().map(r -> EventJson.read(r.value())).findFirst()
                    .orElseThrow();
            assertThat(revoked.data().get("reason").asText()).isEqualTo("user-blocked");

            admin.authorized().post(USERS + "/" + s.userId() + "/block").then().statusCode(409);
            AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(403);

            admin.authorized().post(USERS + "/" + s.userId() + "/unblock").then().statusCode(200)
                    .body("status", equalTo("ACTIVE"));
            assertThat(events(users, s.userId(), "UserUnblocked")).hasSize(1);
        }
        admin.authorized().post(USERS + "/" + s.userId() + "/unblock").then().statusCode(409);
        AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(200);
    }

    @Test
    void anAdminCannotBlockThemselvesOrAnUnknownUser() {
        admin.authorized().post(USERS + "/" + admin.userId() + "/block").then().statusCode(409);
        admin.authorized().post(USERS + "/0123456789abcdef01234567/block").then().statusCode(404);
        admin.authorized().body("{\"reason\":{\"$ne\":1}}").post(USERS + "/" + admin.userId() + "/block").then()
                .statusCode(400);
    }

    @Test
    void grantAndRevokeAdmin() {
        AuthApi.Session s = AuthApi.newCustomer();
        try (TopicProbe users = TopicProbe.open(Topics.IDENTITY_USERS)) {
            admin.authorized().post(USERS + "/" + s.userId() + "/roles/admin").then().statusCode(200)
                    .body("roles", equalTo(List.of("customer", "admin")));
            UserRoleChanged granted = EventJson.dataAs(events(users, s.userId(), "UserRoleChanged").get(0),
                    UserRoleChanged.class);
            assertThat(granted.change()).isEqualTo("GRANTED");
            assertThat(granted.changedBy()).isEqualTo(admin.userId());

            admin.authorized().post(USERS + "/" + s.userId() + "/roles/admin").then().statusCode(409);
            admin.authorized().delete(USERS + "/" + s.userId() + "/roles/admin").then().statusCode(200)
                    .body("roles", equalTo(List.of("customer")));
            assertThat(users.await(r -> s.userId().equals(r.key())
                    && EventJson.read(r.value()).type().equals("UserRoleChanged"), 2, WAIT)).hasSize(2);
        }
        admin.authorized().delete(USERS + "/" + s.userId() + "/roles/admin").then().statusCode(409);
        admin.authorized().delete(USERS + "/" + admin.userId() + "/roles/admin").then().statusCode(409);
    }
}
