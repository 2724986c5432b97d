package dev.shop.admin.application;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.AuditDraft;
import dev.shop.contracts.admin.AuditRecorded;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.contracts.identity.SignInLocked;
import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUnblocked;
import io.smallrye.mutiny.Uni;

/**
 * Records security-relevant events of auth-service in the audit log, whoever caused them (also changes made at
 * auth-service directly): blocks and unblocks, role grants and revocations, password sign-ins locked after a burst of
 * failures, and session revocations for the reasons in
 * {@code shop.admin.security-events.session-reasons} (a reused refresh token, a password reset, a block). Each entry's
 * id is derived from the event id, so a redelivered event is recorded once.
 */
@ApplicationScoped
public class SecurityAudit {

    private static final String SOURCE = "auth-service";

    private final AuditLog log;
    private final UserDirectory directory;
    private final AuditValues values;
    private final Set<String> sessionReasons;

    public SecurityAudit(AuditLog log, UserDirectory directory, AuditValues values, AdminConfig config) {
        this.log = log;
        this.directory = directory;
        this.values = values;
        this.sessionReasons = Set.copyOf(config.securityEvents().sessionReasons());
    }

    /** An event of {@code shop.identity.users.v1}; events that are not security-relevant are ignored. */
    public Uni<Void> onUserEvent(EventEnvelope event) {
        return switch (event.type()) {
            case UserBlocked.TYPE -> {
                UserBlocked b = EventJson.dataAs(event, UserBlocked.class);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", "BLOCKED");
                after.put("reason", b.reason());
                yield record(event, "security.user-blocked", b.blockedBy(), "user", b.userId(), after, null);
            }
            case UserUnblocked.TYPE -> {
                UserUnblocked u = EventJson.dataAs(event, UserUnblocked.class);
                yield record(event, "security.user-unblocked", u.unblockedBy(), "user", u.userId(),
                        Map.of("status", "ACTIVE"), null);
            }
            case UserRoleChanged.TYPE -> {
                UserRoleChanged c = EventJson.dataAs(event, UserRoleChanged.class);
                String action = UserRoleChanged.REVOKED.equals(c.change()) ? "security.role-revoked"
                        : "security.role-granted";
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("role", c.role());
                after.put("roles", c.roles() == null ? List.of() : c.roles().stream().sorted().toList());
                yield record(event, action, c.changedBy(), "user", c.userId(), after, null);
            }
            case SignInLocked.TYPE -> {
                SignInLocked l = EventJson.dataAs(event, SignInLocked.class);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("failedAttempts", l.failedAttempts());
                after.put("windowSeconds", l.windowSeconds());
                after.put("lockedUntil", l.lockedUntil() == null ? null : l.lockedUntil().toString());
                after.put("clientAddress", l.clientAddress());
                String detail = l.failedAttempts() + " failed password sign-ins of " + l.phoneNumber() + " within "
                        + Duration.ofSeconds(l.windowSeconds()).toMinutes() + " min; password sign-ins are refused until "
                        + l.lockedUntil();
                yield record(event, "security.sign-in-locked", null, "user", l.userId(), after, detail);
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /** An event of {@code shop.identity.sessions.v1}. */
    public Uni<Void> onSessionEvent(EventEnvelope event) {
        if (!SessionRevoked.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        SessionRevoked revoked = EventJson.dataAs(event, SessionRevoked.class);
        String reason = revoked.reason() == null ? "unknown" : revoked.reason().toLowerCase(Locale.ROOT);
        if (!sessionReasons.contains(reason)) {
            return Uni.createFrom().voidItem();
        }
        String action = "refresh-token-reuse".equals(reason) ? "security.refresh-token-reuse"
                : "security.session-revoked";
        String detail = "refresh-token-reuse".equals(reason)
                ? "A rotated refresh token was presented again; session " + revoked.sessionId() + " was revoked"
                : "Session " + revoked.sessionId() + " was revoked (" + reason + ")";
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("sessionId", revoked.sessionId());
        after.put("reason", reason);
        after.put("accessTokensValidUntil",
                revoked.accessTokensValidUntil() == null ? null : revoked.accessTokensValidUntil().toString());
        return record(event, action, null, "user", revoked.userId(), after, detail);
    }

    private Uni<Void> record(EventEnvelope event, String action, String actorId, String targetType, String targetId,
            Map<String, Object> after, String detail) {
        return directory.phoneOf(actorId).flatMap(phone -> log.append(
                AuditDraft.builder(AuditRecorded.KIND_SECURITY_EVENT, action)
                        .id("event-" + event.eventId())
                        .actor(actorId, phone)
                        .target(targetType, targetId)
                        .after(values.of(after))
                        .requestId(event.correlationId())
                        .outcome(AuditRecorded.OBSERVED, null, detail)
                        .source(event.source() == null ? SOURCE : event.source(), event.eventId().toString())
                        .build()))
                .replaceWithVoid();
    }
}
