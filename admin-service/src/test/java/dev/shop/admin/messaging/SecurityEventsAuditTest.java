package dev.shop.admin.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    void aBurstOfFailedSignInsIsAuditedOnceAgainstTheLockedAccount() {
        String userId = Events.newId();
        String phone = "+9198" + Long.toString(System.nanoTime()).substring(5, 13);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.send(Events.registered(userId, phone, "Locked Lakshmi", t.minusSeconds(3600)));
        String locked = events.send(Events.signInLocked(userId, phone, "203.0.113.24", t));
        events.send(locked); // redelivered

        Map<String, Object> entry = admin.awaitAudit(userId, 1).get(0);

        assertThat(entry).containsEntry("action", "security.sign-in-locked")
                .containsEntry("kind", "SECURITY_EVENT")
                .containsEntry("targetType", "user")
                .containsEntry("targetId", userId)
                .containsEntry("outcome", "OBSERVED")
                .containsEntry("source", "auth-service")
                .containsEntry("sourceEventId", Events.eventId(locked).toString())
                .containsEntry("detail", "5 failed password sign-ins of " + phone + " within 15 min; password "
                        + "sign-ins are refused until " + t.plusSeconds(600));
        assertThat(entry.get("actorId")).isNull();
        assertThat(entry.get("after")).isEqualTo(Map.of("failedAttempts", 5, "windowSeconds", 900,
                "lockedUntil", t.plusSeconds(600).toString(), "clientAddress", "203.0.113.24"));
        // a later event of the same account (same partition) is audited after the redelivery was handled
        events.send(Events.blocked(userId, admin.id, "brute force", t.plusSeconds(1)));
        assertThat(admin.awaitAudit(userId, 2)).extracting(e -> e.get("action"))
                .containsExactly("security.user-blocked", "security.sign-in-locked");
        assertThat(admin.auditOf(userId)).hasSize(2);
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
