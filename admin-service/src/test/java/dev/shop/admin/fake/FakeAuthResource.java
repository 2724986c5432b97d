package dev.shop.admin.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * auth-service's user administration as admin-service calls it ({@code /api/v1/auth/admin/users}), with accounts in
 * memory and auth-service's answers: the account view, 404 for an unknown account, 409 for a transition its state does
 * not allow. Protected like the real one, so a call only succeeds with an admin's token.
 */
@Path("/fake/auth/api/v1/auth/admin/users")
@RolesAllowed("admin")
public class FakeAuthResource {

    /** An account of the fake. */
    public static final class Account {
        public final String id;
        public final String phoneNumber;
        public String status = "ACTIVE";
        public final List<String> roles = new ArrayList<>(List.of("customer"));

        public Account(String id, String phoneNumber) {
            this.id = id;
            this.phoneNumber = phoneNumber;
        }
    }

    public static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();

    private final FakeDownstream fake;

    public FakeAuthResource(FakeDownstream fake) {
        this.fake = fake;
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<Response> get(@PathParam("id") String id, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.AUTH, request, null, Uni.createFrom().item(() -> view(id)));
    }

    @POST
    @Path("/{id}/block")
    @Operation(hidden = true)
    public Uni<Response> block(@PathParam("id") String id, String body, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.AUTH, request, body,
                Uni.createFrom().item(() -> change(id, "ACTIVE", account -> account.status = "BLOCKED",
                        "Only an active account can be blocked")));
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(hidden = true)
    public Uni<Response> unblock(@PathParam("id") String id, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.AUTH, request, null,
                Uni.createFrom().item(() -> change(id, "BLOCKED", account -> account.status = "ACTIVE",
                        "The account is not blocked")));
    }

    @POST
    @Path("/{id}/roles/admin")
    @Operation(hidden = true)
    public Uni<Response> grant(@PathParam("id") String id, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.AUTH, request, null, Uni.createFrom().item(() -> {
            Account account = ACCOUNTS.get(id);
            if (account != null && account.roles.contains("admin")) {
                return conflict("The account is already an admin");
            }
            return change(id, "ACTIVE", a -> a.roles.add("admin"), "Only an active account can be made an admin");
        }));
    }

    @DELETE
    @Path("/{id}/roles/admin")
    @Operation(hidden = true)
    public Uni<Response> revoke(@PathParam("id") String id, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.AUTH, request, null, Uni.createFrom().item(() -> {
            Account account = ACCOUNTS.get(id);
            if (account != null && !account.roles.contains("admin")) {
                return conflict("The account is not an admin");
            }
            return change(id, null, a -> a.roles.remove("admin"), null);
        }));
    }

    private static Response change(String id, String requiredStatus, java.util.function.Consumer<Account> change,
            String refusal) {
        Account account = ACCOUNTS.get(id);
        if (account == null) {
            return notFound(id);
        }
        synchronized (account) {
            if (requiredStatus != null && !requiredStatus.equals(account.status)) {
                return conflict(refusal);
            }
            change.accept(account);
        }
        return view(id);
    }

    private static Response view(String id) {
        Account a = ACCOUNTS.get(id);
        if (a == null) {
            return notFound(id);
        }
        return Response.ok(Map.of("id", a.id, "phoneNumber", a.phoneNumber, "status", a.status, "roles",
                List.copyOf(a.roles)), "application/json").build();
    }

    private static Response notFound(String id) {
        return problem(404, "/problems/not-found", "Resource not found", "No user " + id);
    }

    private static Response conflict(String detail) {
        return problem(409, "/problems/conflict", "Conflict with the current state", detail);
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", type, "title", title, "status", status, "detail", detail)).build();
    }
}
