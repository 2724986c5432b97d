package dev.shop.admin.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.admin.client.AuthService;
import dev.shop.admin.client.DownstreamReply;
import dev.shop.admin.client.DownstreamRequest;
import dev.shop.admin.persistence.UserEntryDocument;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * Block, unblock and role changes, carried out by auth-service (which owns accounts and their rules) with the admin's
 * token, and audited here with the account's status and roles before (from the user directory) and after (from
 * auth-service's answer).
 */
@ApplicationScoped
public class UserAdministration {

    private static final String USERS = "/api/v1/auth/admin/users/{id}";

    private final AuthService auth;
    private final AuditedCommands commands;
    private final UserDirectory directory;
    private final AuditValues values;

    public UserAdministration(AuthService auth, AuditedCommands commands, UserDirectory directory,
            AuditValues values) {
        this.auth = auth;
        this.commands = commands;
        this.directory = directory;
        this.values = values;
    }

    public Uni<DownstreamReply> block(AdminCaller caller, String userId, String reason) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", reason);
        return before(userId).flatMap(before -> commands.forward(caller, AuthService.NAME,
                new AuditedCommands.Command("user.block", "user", userId, before, values.of(request)),
                () -> auth.send(DownstreamRequest.of("POST", USERS + "/block", caller.credentials(), "id", userId)
                        .withBody(MediaType.APPLICATION_JSON, values.of(request))),
                this::statusAndRoles));
    }

    public Uni<DownstreamReply> unblock(AdminCaller caller, String userId) {
        return before(userId).flatMap(before -> commands.forward(caller, AuthService.NAME,
                new AuditedCommands.Command("user.unblock", "user", userId, before, null),
                () -> auth.send(DownstreamRequest.of("POST", USERS + "/unblock", caller.credentials(), "id", userId)),
                this::statusAndRoles));
    }

    /**
     * Makes the account's roles {@code roles}. Only {@code admin} can be granted or revoked (every account is a
     * customer), so this reads the account from auth-service and grants or revokes {@code admin} as needed; asking for
     * the roles it already has changes nothing.
     */
    public Uni<DownstreamReply> setRoles(AdminCaller caller, String userId, Set<String> roles) {
        boolean wantAdmin = roles.contains(CurrentUser.ROLE_ADMIN);
        Map<String, Object> request = Map.of("roles", roles.stream().sorted().toList());
        return before(userId).flatMap(before -> commands.forward(caller, AuthService.NAME,
                new AuditedCommands.Command("user.roles.set", "user", userId, before, values.of(request)),
                () -> auth.send(DownstreamRequest.of("GET", USERS, caller.credentials(), "id", userId))
                        .flatMap(current -> {
                            if (!current.succeeded()) {
                                return Uni.createFrom().item(current);
                            }
                            boolean isAdmin = rolesIn(values.parse(current.body())).contains(CurrentUser.ROLE_ADMIN);
                            if (isAdmin == wantAdmin) {
                                return Uni.createFrom().item(current);
                            }
                            return auth.send(DownstreamRequest.of(wantAdmin ? "POST" : "DELETE",
                                    USERS + "/roles/admin", caller.credentials(), "id", userId));
                        }),
                this::statusAndRoles));
    }

    private Uni<String> before(String userId) {
        return directory.find(userId).map(found -> found.map(this::statusAndRoles).orElse(null));
    }

    private String statusAndRoles(UserEntryDocument user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", user.status);
        view.put("roles", user.roles == null ? null : user.roles.stream().sorted().toList());
        return values.of(view);
    }

    private String statusAndRoles(DownstreamReply reply) {
        JsonNode body = values.parse(reply.body());
        if (body == null || !body.isObject()) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", body.hasNonNull("status") ? body.get("status").asText() : null);
        view.put("roles", rolesIn(body).stream().sorted().toList());
        return values.of(view);
    }

    private static List<String> rolesIn(JsonNode body) {
        if (body == null || !body.path("roles").isArray()) {
            return List.of();
        }
        java.util.ArrayList<String> roles = new java.util.ArrayList<>();
        body.get("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
