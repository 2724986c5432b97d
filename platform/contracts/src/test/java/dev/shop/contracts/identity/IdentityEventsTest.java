package dev.shop.contracts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;

class IdentityEventsTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("user-registered.json", IdentityEvents.USER_REGISTERED, UserRegistered.class),
                Arguments.of("user-updated.json", IdentityEvents.USER_UPDATED, UserUpdated.class),
                Arguments.of("user-blocked.json", IdentityEvents.USER_BLOCKED, UserBlocked.class),
                Arguments.of("user-unblocked.json", IdentityEvents.USER_UNBLOCKED, UserUnblocked.class),
                Arguments.of("user-role-changed.json", IdentityEvents.USER_ROLE_CHANGED, UserRoleChanged.class),
                Arguments.of("session-revoked.json", IdentityEvents.SESSION_REVOKED, SessionRevoked.class),
                Arguments.of("sign-in-locked.json", IdentityEvents.SIGN_IN_LOCKED, SignInLocked.class));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = IdentityEventsTest.class.getResourceAsStream("/golden/identity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void goldenSampleRoundTripsThroughItsRecord(String file, String type, Class<?> recordType) throws IOException {
        String json = golden(file);
        EventEnvelope envelope = EventJson.read(json);
        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.version()).isEqualTo(IdentityEvents.VERSION);
        assertThat(envelope.source()).isEqualTo("auth-service");

        Object payload = EventJson.dataAs(envelope, recordType);
        JsonNode rewrittenPayload = EventJson.mapper().valueToTree(payload);
        assertThat(rewrittenPayload).isEqualTo(envelope.data());

        EventEnvelope rebuilt = new EventEnvelope(envelope.eventId(), envelope.type(), envelope.version(),
                envelope.occurredAt(), envelope.source(), envelope.aggregateId(), envelope.correlationId(),
                EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(payload)));
        assertThat(EventJson.mapper().readTree(EventJson.write(rebuilt))).isEqualTo(EventJson.mapper().readTree(json));
    }

    @org.junit.jupiter.api.Test
    void payloadFieldsBindWithTheirTypes() throws IOException {
        UserRoleChanged changed = EventJson.dataAs(EventJson.read(golden("user-role-changed.json")),
                UserRoleChanged.class);
        assertThat(changed.change()).isEqualTo(UserRoleChanged.GRANTED);
        assertThat(changed.roles()).containsExactly("customer", "admin");
        assertThat(changed.changedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));

        SessionRevoked revoked = EventJson.dataAs(EventJson.read(golden("session-revoked.json")),
                SessionRevoked.class);
        assertThat(revoked.accessTokensValidUntil()).isAfter(revoked.revokedAt());

        SignInLocked locked = EventJson.dataAs(EventJson.read(golden("sign-in-locked.json")), SignInLocked.class);
        assertThat(locked.failedAttempts()).isEqualTo(5);
        assertThat(locked.lockedUntil()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
        assertThat(locked.windowSeconds()).isEqualTo(900);
    }

    @org.junit.jupiter.api.Test
    void absentOptionalFieldsAreOmittedOnTheWire() {
        EventEnvelope e = EventJson.wrap(IdentityEvents.USER_REGISTERED, IdentityEvents.VERSION, "auth-service", "u-1",
                null, new UserRegistered("u-1", "+919812345678", null, null, List.of("customer"), "otp",
                        Instant.parse("2026-11-21T10:15:30Z")));
        assertThat(e.data().has("username")).isFalse();
        assertThat(e.data().get("method").asText()).isEqualTo("otp");
    }
}
