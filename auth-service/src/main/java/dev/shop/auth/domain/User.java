package dev.shop.auth.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRegistered;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUnblocked;
import dev.shop.contracts.identity.UserUpdated;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;

/**
 * The account aggregate: identity, credentials, roles, status and the address book. Every command checks that the
 * transition is legal (an illegal one throws; nothing is silently ignored) and returns the event it produced, which the
 * application stores in the same document write.
 */
public final class User {

    public static final int MAX_ADDRESSES = 20;

    private final String id;
    private final PhoneNumber phoneNumber;
    private final Instant createdAt;
    private final long version;
    private String username;
    private String passwordHash;
    private String fullName;
    private String email;
    private final Set<String> roles;
    private UserStatus status;
    private Instant updatedAt;
    private Instant sessionsRevokedAt;
    private final List<Address> addresses;

    public User(String id, PhoneNumber phoneNumber, String username, String passwordHash, String fullName, String email,
            Set<String> roles, UserStatus status, Instant createdAt, Instant updatedAt, Instant sessionsRevokedAt,
            List<Address> addresses, long version) {
        this.id = Objects.requireNonNull(id);
        this.phoneNumber = Objects.requireNonNull(phoneNumber);
        this.username = username;
        this.passwordHash = passwordHash;
        this.fullName = fullName;
        this.email = email;
        this.roles = new LinkedHashSet<>(roles);
        this.status = Objects.requireNonNull(status);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.sessionsRevokedAt = sessionsRevokedAt;
        this.addresses = new ArrayList<>(addresses);
        this.version = version;
    }

    /** A new account created by a passwordless login, active at once: owning the phone was just proven. */
    public static User viaOtp(String id, PhoneNumber phone, String fullName, Instant now) {
        return new User(id, phone, null, null, fullName, null, Set.of(Roles.CUSTOMER), UserStatus.ACTIVE, now, now,
                null, List.of(), 0);
    }

    /**
     * A new account from a confirmed registration: the username and password chosen with the registration whose code
     * was just proven, active at once.
     */
    public static User viaRegistration(String id, PhoneNumber phone, String username, String passwordHash,
            Instant now) {
        return new User(id, phone, username, passwordHash, null, null, Set.of(Roles.CUSTOMER), UserStatus.ACTIVE, now,
                now, null, List.of(), 0);
    }

    /** An account provisioned at start-up (bootstrap admin or demo account), active with the given roles. */
    public static User provisioned(String id, PhoneNumber phone, String username, String passwordHash,
            Set<String> roles, Instant now) {
        return new User(id, phone, username, passwordHash, null, null, roles, UserStatus.ACTIVE, now, now, null,
                List.of(), 0);
    }

    public UserRegistered registered(String method) {
        return new UserRegistered(id, phoneNumber.e164(), username, fullName, List.copyOf(roles), method, updatedAt);
    }

    /**
     * Confirms a pending registration. When {@code keepPassword} is false (the phone was proven by a passwordless login,
     * not by the person who registered), the pending password and username are discarded: whoever registered the number
     * without owning it must not get a password on the owner's account.
     */
    public UserRegistered activate(boolean keepPassword, String fullNameIfAbsent, Instant now) {
        requireStatus(UserStatus.PENDING, "Only a pending registration can be activated");
        status = UserStatus.ACTIVE;
        if (!keepPassword) {
            passwordHash = null;
            username = null;
        }
        if (fullName == null && fullNameIfAbsent != null) {
            fullName = fullNameIfAbsent;
        }
        updatedAt = now;
        return registered(keepPassword ? "password" : "otp");
    }

    /**
     * Confirms a pending account (one stored before registrations got challenges of their own) with the username and
     * password of the registration whose code was just proven.
     */
    public UserRegistered confirmRegistration(String chosenUsername, String chosenPasswordHash, Instant now) {
        requireStatus(UserStatus.PENDING, "Only a pending registration can be activated");
        username = chosenUsername;
        passwordHash = chosenPasswordHash;
        status = UserStatus.ACTIVE;
        updatedAt = now;
        return registered("password");
    }

    public UserBlocked block(String adminId, String reason, Instant now) {
        if (id.equals(adminId)) {
            throw ProblemException.conflict("An admin cannot block their own account");
        }
        requireStatus(UserStatus.ACTIVE, "Only an active account can be blocked");
        status = UserStatus.BLOCKED;
        sessionsRevokedAt = now;
        updatedAt = now;
        return new UserBlocked(id, adminId, reason, now);
    }

    public UserUnblocked unblock(String adminId, Instant now) {
        requireStatus(UserStatus.BLOCKED, "The account is not blocked");
        status = UserStatus.ACTIVE;
        updatedAt = now;
        return new UserUnblocked(id, adminId, now);
    }

    public UserRoleChanged grantAdmin(String adminId, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can be made an admin");
        if (roles.contains(Roles.ADMIN)) {
            throw ProblemException.conflict("The account is already an admin");
        }
        roles.add(Roles.ADMIN);
        updatedAt = now;
        return new UserRoleChanged(id, Roles.ADMIN, UserRoleChanged.GRANTED, List.copyOf(roles), adminId, now);
    }

    public UserRoleChanged revokeAdmin(String adminId, Instant now) {
        if (!roles.contains(Roles.ADMIN)) {
            throw ProblemException.conflict("The account is not an admin");
        }
        if (id.equals(adminId)) {
            throw ProblemException.conflict("An admin cannot revoke their own admin role");
        }
        roles.remove(Roles.ADMIN);
        updatedAt = now;
        return new UserRoleChanged(id, Roles.ADMIN, UserRoleChanged.REVOKED, List.copyOf(roles), adminId, now);
    }

    /**
     * Applies a profile change; {@code null} leaves a field as it is, an empty string clears {@code fullName} or
     * {@code email}. Values are validated by the caller.
     *
     * @return the event, or empty when nothing actually changed
     */
    public Optional<UserUpdated> updateProfile(String newUsername, String newFullName, String newEmail, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can change its profile");
        List<String> changed = new ArrayList<>();
        if (newUsername != null && !newUsername.equals(username)) {
            username = newUsername;
            changed.add("username");
        }
        if (newFullName != null) {
            String value = newFullName.isEmpty() ? null : newFullName;
            if (!Objects.equals(value, fullName)) {
                fullName = value;
                changed.add("fullName");
            }
        }
        if (newEmail != null) {
            String value = newEmail.isEmpty() ? null : newEmail;
            if (!Objects.equals(value, email)) {
                email = value;
                changed.add("email");
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        updatedAt = now;
        return Optional.of(new UserUpdated(id, username, fullName, email, List.copyOf(changed), now));
    }

    /** Sets a new password hash and ends every session that existed before. */
    public void changePassword(String newHash, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can reset its password");
        passwordHash = newHash;
        sessionsRevokedAt = now;
        updatedAt = now;
    }

    /** Whether a session created at {@code sessionCreatedAt} survived the last password change or block. */
    public boolean acceptsSessionFrom(Instant sessionCreatedAt) {
        return sessionsRevokedAt == null || sessionCreatedAt.isAfter(sessionsRevokedAt);
    }

    // --- address book: at most MAX_ADDRESSES, exactly one default while not empty ---

    public Address addAddress(String addressId, AddressDraft draft, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can change its address book");
        if (addresses.size() >= MAX_ADDRESSES) {
            throw ProblemException.businessRule("The address book is full (" + MAX_ADDRESSES + " addresses)");
        }
        boolean makeDefault = draft.isDefault() || addresses.isEmpty();
        if (makeDefault) {
            clearDefault(now);
        }
        Address address = from(addressId, draft, makeDefault, now, now);
        addresses.add(address);
        updatedAt = now;
        return address;
    }

    public Address replaceAddress(String addressId, AddressDraft draft, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can change its address book");
        int index = indexOf(addressId);
        Address current = addresses.get(index);
        if (current.isDefault() && !draft.isDefault()) {
            throw ProblemException.businessRule(
                    "The default address stays default until another address is made the default");
        }
        if (draft.isDefault()) {
            clearDefault(now);
        }
        Address replaced = from(addressId, draft, draft.isDefault(), current.createdAt(), now);
        addresses.set(index, replaced);
        updatedAt = now;
        return replaced;
    }

    public void removeAddress(String addressId, Instant now) {
        requireStatus(UserStatus.ACTIVE, "Only an active account can change its address book");
        Address removed = addresses.remove(indexOf(addressId));
        if (removed.isDefault() && !addresses.isEmpty()) {
            Address newest = addresses.stream().max(Comparator.comparing(Address::createdAt)).orElseThrow();
            addresses.set(addresses.indexOf(newest), newest.withDefault(true, now));
        }
        updatedAt = now;
    }

    private void clearDefault(Instant now) {
        addresses.replaceAll(a -> a.withDefault(false, now));
    }

    private int indexOf(String addressId) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i).id().equals(addressId)) {
                return i;
            }
        }
        throw ProblemException.notFound("No address " + addressId);
    }

    private static Address from(String id, AddressDraft d, boolean isDefault, Instant createdAt, Instant now) {
        return new Address(id, d.fullName(), d.phoneNumber(), d.line1(), d.line2(), d.landmark(), d.city(), d.state(),
                d.postalCode(), d.country(), isDefault, createdAt, now);
    }

    private void requireStatus(UserStatus expected, String message) {
        if (status != expected) {
            throw ProblemException.conflict(message);
        }
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public boolean isBlocked() {
        return status == UserStatus.BLOCKED;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public String id() {
        return id;
    }

    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String fullName() {
        return fullName;
    }

    public String email() {
        return email;
    }

    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    /** Roles in a stable order for tokens and answers. */
    public List<String> roleList() {
        return List.copyOf(roles);
    }

    public UserStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant sessionsRevokedAt() {
        return sessionsRevokedAt;
    }

    public List<Address> addresses() {
        return List.copyOf(addresses);
    }

    public long version() {
        return version;
    }
}
