package dev.shop.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+919812345678");

    static User pending() {
        return new User("u1", PHONE, "ravi", "hash", null, null, Set.of(Roles.CUSTOMER), UserStatus.PENDING, NOW, NOW,
                null, List.of(), 0);
    }

    static User active() {
        User u = pending();
        u.activate(true, null, NOW);
        return u;
    }

    static AddressDraft draft(String line1, boolean isDefault) {
        return new AddressDraft("Kiran", "+919845012345", line1, null, null, "Pune", "MH", "411001", "IN",
                isDefault);
    }

    @Test
    void activationByPasswordRegistrationKeepsThePassword() {
        User u = pending();
        var event = u.activate(true, null, NOW);
        assertThat(u.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(u.passwordHash()).isEqualTo("hash");
        assertThat(event.method()).isEqualTo("password");
        assertThat(event.username()).isEqualTo("ravi");
    }

    @Test
    void activationByOtpLoginDropsThePendingPassword() {
        User u = pending();
        var event = u.activate(false, "Ravi Kumar", NOW);
        assertThat(u.passwordHash()).isNull();
        assertThat(u.username()).isNull();
        assertThat(u.fullName()).isEqualTo("Ravi Kumar");
        assertThat(event.method()).isEqualTo("otp");
    }

    @Test
    void illegalTransitionsThrow() {
        User u = active();
        assertThatThrownBy(() -> u.activate(true, null, NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> u.unblock("admin", NOW)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(409);
        u.block("admin", "spam", NOW);
        assertThatThrownBy(() -> u.block("admin", "again", NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> u.grantAdmin("admin", NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> u.updateProfile("x", null, null, NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> pending().block("admin", null, NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void blockEndsEarlierSessions() {
        User u = active();
        Instant sessionStart = NOW.minusSeconds(60);
        assertThat(u.acceptsSessionFrom(sessionStart)).isTrue();
        var event = u.block("admin", "fraud", NOW);
        assertThat(event.blockedBy()).isEqualTo("admin");
        assertThat(u.acceptsSessionFrom(sessionStart)).isFalse();
        assertThat(u.acceptsSessionFrom(NOW.plusMillis(1))).isTrue();
        assertThatThrownBy(() -> active().block("u1", null, NOW)).hasMessageContaining("own account");
    }

    @Test
    void adminRoleGrantAndRevoke() {
        User u = active();
        UserRoleChanged granted = u.grantAdmin("boss", NOW);
        assertThat(granted.roles()).containsExactly("customer", "admin");
        assertThat(u.roles()).contains(Roles.ADMIN);
        assertThatThrownBy(() -> u.grantAdmin("boss", NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> u.revokeAdmin("u1", NOW)).hasMessageContaining("own admin role");
        assertThat(u.revokeAdmin("boss", NOW).change()).isEqualTo("REVOKED");
        assertThat(u.roles()).containsExactly(Roles.CUSTOMER);
    }

    @Test
    void profileUpdatesReportOnlyWhatChanged() {
        User u = active();
        assertThat(u.updateProfile(null, null, null, NOW)).isEmpty();
        assertThat(u.updateProfile("ravi", null, null, NOW)).isEmpty();
        var event = u.updateProfile("ravi.k", "Ravi", "r@example.com", NOW).orElseThrow();
        assertThat(event.changedFields()).containsExactly("username", "fullName", "email");
        var cleared = u.updateProfile(null, "", null, NOW).orElseThrow();
        assertThat(cleared.changedFields()).containsExactly("fullName");
        assertThat(u.fullName()).isNull();
    }

    @Test
    void theAddressBookKeepsExactlyOneDefault() {
        User u = active();
        Address first = u.addAddress("a1", draft("1 Road", false), NOW);
        assertThat(first.isDefault()).isTrue();
        u.addAddress("a2", draft("2 Road", false), NOW.plusSeconds(1));
        u.addAddress("a3", draft("3 Road", true), NOW.plusSeconds(2));
        assertThat(u.addresses()).filteredOn(Address::isDefault).extracting(Address::id).containsExactly("a3");

        assertThatThrownBy(() -> u.replaceAddress("a3", draft("3 Road", false), NOW))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).status())
                .isEqualTo(422);
        u.replaceAddress("a1", draft("1 New Road", true), NOW);
        assertThat(u.addresses()).filteredOn(Address::isDefault).extracting(Address::id).containsExactly("a1");

        u.removeAddress("a1", NOW);
        assertThat(u.addresses()).filteredOn(Address::isDefault).extracting(Address::id).containsExactly("a3");
        assertThatThrownBy(() -> u.removeAddress("nope", NOW)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(404);
    }

    @Test
    void theAddressBookHoldsAtMostTwenty() {
        User u = active();
        for (int i = 0; i < User.MAX_ADDRESSES; i++) {
            u.addAddress("a" + i, draft(i + " Road", false), NOW);
        }
        assertThatThrownBy(() -> u.addAddress("a21", draft("21 Road", false), NOW))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).status())
                .isEqualTo(422);
    }
}
