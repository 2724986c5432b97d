package dev.shop.auth.application;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.Address;
import dev.shop.auth.domain.AddressDraft;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.Username;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The caller's own profile and address book. The account is always the token's subject: no id from a path or body
 * selects it (docs/architecture.md).
 */
@ApplicationScoped
public class ProfileService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final AuthConfig config;
    private final UserChanges changes;

    public ProfileService(AuthConfig config, UserChanges changes) {
        this.config = config;
        this.changes = changes;
    }

    public Uni<User> profile(String userId) {
        return changes.load(userId).map(ProfileService::requireUsable);
    }

    /**
     * Changes username, full name or email; {@code null} keeps a field, {@code ""} clears full name or email.
     */
    public Uni<User> update(String userId, String rawUsername, String rawFullName, String rawEmail) {
        String username = rawUsername == null ? null : Username.normalise("username", rawUsername);
        String fullName = rawFullName == null ? null : rawFullName.isBlank() ? "" : fullName("fullName", rawFullName);
        String email = rawEmail == null ? null : rawEmail.isBlank() ? "" : email(rawEmail);
        return changes.modify(userId, user -> {
            requireUsable(user);
            return user.updateProfile(username, fullName, email, Times.now()).stream().toList();
        });
    }

    public Uni<List<Address>> addresses(String userId) {
        return profile(userId).map(User::addresses);
    }

    public Uni<Address> addAddress(String userId, AddressDraft draft) {
        AddressDraft valid = draft.validate(config.phone().defaultRegion());
        String addressId = new ObjectId().toHexString();
        return changes.modify(userId, user -> {
            requireUsable(user).addAddress(addressId, valid, Times.now());
            return List.of();
        }).map(user -> find(user, addressId));
    }

    public Uni<Address> replaceAddress(String userId, String addressId, AddressDraft draft) {
        AddressDraft valid = draft.validate(config.phone().defaultRegion());
        return changes.modify(userId, user -> {
            requireUsable(user).replaceAddress(addressId, valid, Times.now());
            return List.of();
        }).map(user -> find(user, addressId));
    }

    public Uni<Void> removeAddress(String userId, String addressId) {
        return changes.modify(userId, user -> {
            requireUsable(user).removeAddress(addressId, Times.now());
            return List.of();
        }).replaceWithVoid();
    }

    /** A trimmed full name of at most 100 characters without control characters, or null. */
    public static String fullName(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > 100 || CONTROL.matcher(value).find()) {
            throw ProblemException.invalid(field, "must be at most 100 characters without control characters");
        }
        return value;
    }

    static String email(String raw) {
        String value = raw.strip();
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw ProblemException.invalid("email", "must be a valid email address");
        }
        return value;
    }

    private static User requireUsable(User user) {
        if (user.isBlocked()) {
            throw SessionService.blocked();
        }
        return user;
    }

    private static Address find(User user, String addressId) {
        return user.addresses().stream().filter(a -> a.id().equals(addressId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No address " + addressId));
    }
}
