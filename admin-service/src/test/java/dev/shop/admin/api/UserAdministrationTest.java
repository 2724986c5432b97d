package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Events;
import dev.shop.admin.fake.FakeAuthResource;
import dev.shop.admin.fake.FakeDownstream;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * User administration forwarded to auth-service (the fake on the test port) with the admin's own token, passed back as
 * auth-service answered, and audited with actor, target, before/after and outcome, failures included.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class UserAdministrationTest {

    @Inject
    FakeDownstream fake;
    @Inject
    CircuitBreakerMaintenance circuits;

    Events events;
    Admins admin;
    String userId;

    @BeforeEach
    void setUp() {
        fake.reset();
        circuits.resetAll();
        events = new Events();
        admin = Admins.registered(events);
        userId = Events.newId();
        FakeAuthResource.ACCOUNTS.put(userId, new FakeAuthResource.Account(userId, "+919811100001"));
        events.send(Events.registered(userId, "+919811100001", "Asha Rao", Instant.now()));
        dev.shop.admin.Await.until("user registered in the directory",
                () -> admin.request().get("/api/v1/admin/users/" + userId),
                r -> r.statusCode() == 200 && "ACTIVE".equals(r.jsonPath().getString("status"))
                        && !r.jsonPath().getList("roles").isEmpty() && r.jsonPath().getString("phoneNumber") != null);
    }

    @AfterEach
    void tearDown() {
        fake.reset();
        circuits.resetAll();
        events.close();
    }

    @Test
    void aBlockIsForwardedWithTheAdminsTokenAndAuditedWithActorAndOutcome() {
        Response response = admin.request().header("X-Request-Id", "block-request-0001")
                .contentType("application/json").body("{\"reason\": \"chargeback fraud\"}")
                .post("/api/v1/admin/users/" + userId + "/block");

        response.then().statusCode(200)
                .body("id", equalTo(userId))
                .body("status", equalTo("BLOCKED"));
        List<FakeDownstream.Call> calls = fake.calls(FakeDownstream.AUTH);
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/fake/auth/api/v1/auth/admin/users/" + userId + "/block");
            assertThat(call.authorization()).isEqualTo("Bearer " + admin.token);
            assertThat(call.requestId()).isEqualTo("block-request-0001");
            assertThat(call.body()).contains("chargeback fraud");
        });

        Map<String, Object> entry = admin.awaitAudit(userId, 1).get(0);
        assertThat(entry).containsEntry("kind", "COMMAND")
                .containsEntry("action", "user.block")
                .containsEntry("actorId", admin.id)
                .containsEntry("actorPhone", admin.phone)
                .containsEntry("targetType", "user")
                .containsEntry("targetId", userId)
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("status", 200)
                .containsEntry("requestId", "block-request-0001")
                .containsEntry("source", "admin-service");
        assertThat(entry.get("clientAddress")).isNotNull();
        assertThat(entry.get("before")).isEqualTo(Map.of("status", "ACTIVE", "roles", List.of("customer")));
        assertThat(entry.get("after")).isEqualTo(Map.of("status", "BLOCKED", "roles", List.of("customer")));
        assertThat(entry.get("request")).isEqualTo(Map.of("reason", "chargeback fraud"));
    }

    @Test
    void aRefusalIsPassedOnAndAuditedAsRejected() {
        FakeAuthResource.ACCOUNTS.get(userId).status = "BLOCKED";

        admin.request().post("/api/v1/admin/users/" + userId + "/block").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Only an active account can be blocked"));

        Map<String, Object> entry = admin.awaitAudit(userId, 1).get(0);
        assertThat(entry).containsEntry("action", "user.block")
                .containsEntry("outcome", "REJECTED")
                .containsEntry("status", 409)
                .containsEntry("detail", "Only an active account can be blocked");
        assertThat(entry.get("after")).isNull();
    }

    @Test
    void aDownstream503Is503ForTheAdminAndAuditedAsFailedNotDone() {
        fake.mode(FakeDownstream.AUTH, FakeDownstream.Mode.UNAVAILABLE);

        admin.request().post("/api/v1/admin/users/" + userId + "/unblock").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable"))
                .body("detail", equalTo("auth-service is unavailable; the command was not carried out"));

        Map<String, Object> entry = admin.awaitAudit(userId, 1).get(0);
        assertThat(entry).containsEntry("action", "user.unblock")
                .containsEntry("outcome", "FAILED")
                .containsEntry("status", 503)
                .containsEntry("actorId", admin.id);
        assertThat((String) entry.get("detail")).contains("auth-service answered 503");
        assertThat(entry.get("after")).isNull();
        assertThat(FakeAuthResource.ACCOUNTS.get(userId).status).isEqualTo("ACTIVE");
    }

    @Test
    void aServiceThatHangsUpOrAnswersTooLateIsA503AuditedAsFailed() {
        fake.mode(FakeDownstream.AUTH, FakeDownstream.Mode.DOWN);
        admin.request().post("/api/v1/admin/users/" + userId + "/block").then().statusCode(503);

        fake.mode(FakeDownstream.AUTH, FakeDownstream.Mode.SLOW);
        long started = System.nanoTime();
        admin.request().post("/api/v1/admin/users/" + userId + "/block").then().statusCode(503)
                .body("detail", equalTo("auth-service did not answer in time; check whether the change was made "
                        + "before repeating it"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("answered at the 4 s timeout, before the 20 s answer")
                .isLessThan(15_000);

        List<Map<String, Object>> entries = admin.awaitAudit(userId, 2);
        assertThat(entries).extracting(e -> e.get("outcome")).containsOnly("FAILED");
        assertThat(entries.get(0).get("detail")).isEqualTo("auth-service did not answer in time");
        assertThat((String) entries.get(1).get("detail")).contains("auth-service could not be reached");
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndCallsFailFastWithoutReachingTheService() {
        fake.mode(FakeDownstream.AUTH, FakeDownstream.Mode.UNAVAILABLE);
        for (int i = 0; i < 4; i++) {
            admin.request().post("/api/v1/admin/users/" + userId + "/unblock").then().statusCode(503);
        }
        int callsBefore = fake.calls(FakeDownstream.AUTH).size();

        admin.request().post("/api/v1/admin/users/" + userId + "/unblock").then()
                .statusCode(503)
                .header("Retry-After", not(nullValue()));

        assertThat(fake.calls(FakeDownstream.AUTH)).hasSize(callsBefore);
        assertThat(admin.awaitAudit(userId, 5).get(0)).containsEntry("outcome", "FAILED")
                .hasEntrySatisfying("detail", d -> assertThat((String) d).contains("circuit to auth-service is open"));
    }

    @Test
    void settingRolesGrantsOrRevokesAdminAndChangesNothingWhenAlreadyRight() {
        admin.request().contentType("application/json").body("{\"roles\": [\"customer\", \"admin\"]}")
                .put("/api/v1/admin/users/" + userId + "/roles").then()
                .statusCode(200)
                .body("roles", hasItems("customer", "admin"));
        assertThat(fake.calls(FakeDownstream.AUTH)).extracting(FakeDownstream.Call::method).containsExactly("GET",
                "POST");

        admin.request().contentType("application/json").body("{\"roles\": [\"customer\", \"admin\"]}")
                .put("/api/v1/admin/users/" + userId + "/roles").then().statusCode(200);
        assertThat(fake.calls(FakeDownstream.AUTH)).extracting(FakeDownstream.Call::method).containsExactly("GET",
                "POST", "GET");

        admin.request().contentType("application/json").body("{\"roles\": [\"customer\"]}")
                .put("/api/v1/admin/users/" + userId + "/roles").then()
                .statusCode(200)
                .body("roles", equalTo(List.of("customer")));
        assertThat(fake.calls(FakeDownstream.AUTH)).extracting(FakeDownstream.Call::method).endsWith("GET", "DELETE");
        assertThat(fake.calls(FakeDownstream.AUTH)).allSatisfy(
                call -> assertThat(call.authorization()).isEqualTo("Bearer " + admin.token));

        List<Map<String, Object>> entries = admin.awaitAudit(userId, 3);
        assertThat(entries).extracting(e -> e.get("action")).containsOnly("user.roles.set");
        assertThat(entries.get(2).get("after")).isEqualTo(Map.of("status", "ACTIVE", "roles", List.of("admin",
                "customer")));
        assertThat(entries.get(0).get("after")).isEqualTo(Map.of("status", "ACTIVE", "roles", List.of("customer")));
        assertThat(entries.get(0).get("request")).isEqualTo(Map.of("roles", List.of("customer")));
    }

    @Test
    void invalidRoleRequestsAre400AndNeverForwarded() {
        admin.request().contentType("application/json").body("{\"roles\": [\"admin\"]}")
                .put("/api/v1/admin/users/" + userId + "/roles").then()
                .statusCode(400).body("violations[0].field", equalTo("roles"));
        admin.request().contentType("application/json").body("{\"roles\": [\"customer\", \"root\"]}")
                .put("/api/v1/admin/users/" + userId + "/roles").then()
                .statusCode(400);
        admin.request().post("/api/v1/admin/users/..%2F..%2Fx/block").then().statusCode(400);

        assertThat(fake.calls(FakeDownstream.AUTH)).isEmpty();
    }

    @Test
    void anUnknownAccountIsThe404OfAuthService() {
        String unknown = Events.newId();

        admin.request().post("/api/v1/admin/users/" + unknown + "/unblock").then()
                .statusCode(404).contentType("application/problem+json");

        Map<String, Object> entry = admin.awaitAudit(unknown, 1).get(0);
        assertThat(entry).containsEntry("outcome", "REJECTED").containsEntry("status", 404);
        assertThat(entry.get("before")).isNull();
    }
}
