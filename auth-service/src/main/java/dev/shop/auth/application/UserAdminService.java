package dev.shop.auth.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import dev.shop.auth.domain.Roles;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.UserStatus;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** User administration for admins (and admin-service acting with an admin's token); every change emits an event. */
@ApplicationScoped
public class UserAdminService {

    private static final int MAX_QUERY = 100;

    private final UserRepository users;
    private final UserChanges changes;
    private final SessionService sessions;

    public UserAdminService(UserRepository users, UserChanges changes, SessionService sessions) {
        this.users = users;
        this.changes = changes;
        this.sessions = sessions;
    }

    /**
     * Accounts matching the text {@code q} (in username, full name or phone number), a status and a role, newest first.
     * The text is matched literally: regex metacharacters are escaped.
     */
    public Uni<Page<User>> search(String q, String status, String role, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            String text = q.strip();
            if (text.length() > MAX_QUERY) {
                throw ProblemException.invalid("q", "must be at most " + MAX_QUERY + " characters");
            }
            String pattern = escapeRegex(text);
            filters.add(Filters.or(Filters.regex("username", pattern, "i"), Filters.regex("fullName", pattern, "i"),
                    Filters.regex("phoneNumber", pattern)));
        }
        if (status != null && !status.isBlank()) {
            try {
                filters.add(Filters.eq("status", UserStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)).name()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of PENDING, ACTIVE, BLOCKED");
            }
        }
        if (role != null && !role.isBlank()) {
            if (!Roles.CUSTOMER.equals(role) && !Roles.ADMIN.equals(role)) {
                throw ProblemException.invalid("role", "must be customer or admin");
            }
            filters.add(Filters.eq("roles", role));
        }
        Bson filter = filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        return users.count(filter).flatMap(total -> users.page(filter, page.offset(), page.size())
                .map(docs -> Page.of(docs.stream().map(UserMapper::toDomain).toList(), page, total)));
    }

    public Uni<User> get(String userId) {
        return changes.load(userId);
    }

    /** Blocks the account and ends all its sessions. */
    public Uni<User> block(String adminId, String userId, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ProblemException.invalid("reason", "must be at most 500 characters");
        }
        return changes.modify(userId, user -> List.of(user.block(adminId, why, Times.now())))
                .call(user -> sessions.revokeAll(user.id(), "user-blocked"));
    }

    public Uni<User> unblock(String adminId, String userId) {
        return changes.modify(userId, user -> List.of(user.unblock(adminId, Times.now())));
    }

    public Uni<User> grantAdmin(String adminId, String userId) {
        return changes.modify(userId, user -> List.of(user.grantAdmin(adminId, Times.now())));
    }

    /**
     * Takes the admin role away and ends every session of the account, each with its {@code SessionRevoked} event, so
     * no access token carrying the role outlives the decision (the gateway deny-lists the sessions, auth-service refuses
     * their tokens at once); the user signs in again and gets tokens without it.
     */
    public Uni<User> revokeAdmin(String adminId, String userId) {
        return changes.modify(userId, user -> List.of(user.revokeAdmin(adminId, Times.now())))
                .call(user -> sessions.revokeAll(user.id(), "role-revoked"));
    }

    static String escapeRegex(String text) {
        StringBuilder sb = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
