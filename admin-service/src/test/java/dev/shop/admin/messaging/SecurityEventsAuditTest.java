package dev.shop.admin.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.admin.Admins;
import dev.shop.admin.Events;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** auth-service's security-relevant events land in the audit log, whoever caused them; routine ones do not. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class SecurityEventsAuditTest {

    Events events;
    Admins admin;

    @BeforeEach
    void setUp() {
        events = new Events();
        admin = Admins.registered(events);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void roleGrantsAndRevocationsAreAuditedWithTheAdminWhoMadeThem() {
        String userId = Events.newId();
        Instant t = Instant.now();
        String granted = events.send(Events.roleChanged(userId, admin.id, UserRoleChanged.GRANTED, t, "customer",
                "admin"));
        events.send(Events.roleChanged(userId, admin.id, UserRoleChanged.REVOKED, t.plusSeconds(1), "customer"));

        List<Map<String, Object>> entries = admin.awaitAudit(userId, 2);

        assertThat(entries).extracting(e -> e.get("action")).containsExactly("security.role-revoked",
                "security.role-granted");
        assertThat(entries.get(1)).containsEntry("kind", "SECURITY_EVENT")
                .containsEntry("actorId", admin.id)
                .containsEntry("actorPhone", admin.phone)
                .containsEntry("targetType", "user")
                .containsEntry("outcome", "OBSERVED")
                .containsEntry("sourceEventId", Events.eventId(granted).toString());
        assertThat(entries.get(1).get("after")).isEqualTo(Map.of("role", "admin", "roles", List.of("admin",
                "customer")));
        assertThat(entries.get(0).get("after")).isEqualTo(Map.of("role", "admin", "roles", List.of("customer")));
    }

    @Test
    void aReusedRefreshTokenIsAuditedAndARoutineLogoutIsNot() {
        String userId = Events.newId();
        String loggedOut = "sid-" + Events.newId();
        String stolen = "sid-" + Events.newId();
        Instant t = Instant.now();
        events.send(Events.sessionRevoked(loggedOut, userId, "logout", t));
        events.send(Events.sessionRevoked(stolen, userId, "refresh-token-reuse", t.plusSeconds(1)));

        Map<String, Object> entry = admin.awaitAudit(userId, 1).get(0);

        assertThat(entry).containsEntry("action", "security.refresh-token-reuse")
                .containsEntry("kind", "SECURITY_EVENT")
                .containsEntry("detail", "A rotated refresh token was presented again; session " + stolen
                        + " was revoked");
        assertThat(entry.get("actorId")).isNull();
        assertThat(((Map<?, ?>) entry.get("after")).get("sessionId")).isEqualTo(stolen);
        assertThat(admin.auditOf(userId)).hasSize(1);
    }
}
