package dev.shop.auth.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.auth.application.UserAdminService;
import dev.shop.auth.domain.Roles;
import dev.shop.auth.domain.User;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * User administration (role {@code admin}); admin-service calls these with the admin's token. Every change emits an
 * event on {@code shop.identity.users.v1}.
 */
@Path("/api/v1/auth/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminUserResource {

    public record AdminUserView(String id, String username, String phoneNumber, String fullName, String email,
            List<String> roles, String status, Instant createdAt, Instant updatedAt) {

        static AdminUserView of(User u) {
            return new AdminUserView(u.id(), u.username(), u.phoneNumber().e164(), u.fullName(), u.email(),
                    u.roleList(), u.status().name(), u.createdAt(), u.updatedAt());
        }
    }

    public record BlockRequest(String reason) {
    }

    private final UserAdminService admin;
    private final CurrentUser caller;
    private final OptionalJsonBody optionalBody;

    public AdminUserResource(UserAdminService admin, CurrentUser caller, OptionalJsonBody optionalBody) {
        this.admin = admin;
        this.caller = caller;
        this.optionalBody = optionalBody;
    }

    @GET
    @Operation(summary = "Search accounts by text (username, full name, phone), status and role; newest first")
    public Uni<RestResponse<Page<AdminUserView>>> search(@QueryParam("q") String q,
            @QueryParam("status") String status, @QueryParam("role") String role, @BeanParam PageParams page) {
        return admin.search(q, status, role, page.toRequest())
                .map(p -> RestResponse.ok(p.map(AdminUserView::of)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One account")
    public Uni<RestResponse<AdminUserView>> get(@PathParam("id") String id) {
        return admin.get(id).map(u -> RestResponse.ok(AdminUserView.of(u)));
    }

    @POST
    @Path("/{id}/block")
    @Operation(summary = "Block an account and end its sessions (UserBlocked, SessionRevoked)")
    public Uni<RestResponse<AdminUserView>> block(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, description = "Optional JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BlockRequest.class))) String rawBody) {
        BlockRequest body = optionalBody.parse(rawBody, contentType, BlockRequest.class);
        return admin.block(caller.id(), id, body == null ? null : body.reason())
                .map(u -> RestResponse.ok(AdminUserView.of(u)));
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(summary = "Lift a block (UserUnblocked)")
    public Uni<RestResponse<AdminUserView>> unblock(@PathParam("id") String id) {
        return admin.unblock(caller.id(), id).map(u -> RestResponse.ok(AdminUserView.of(u)));
    }

    @POST
    @Path("/{id}/roles/admin")
    @Operation(summary = "Grant the admin role (UserRoleChanged)")
    public Uni<RestResponse<AdminUserView>> grantAdmin(@PathParam("id") String id) {
        return admin.grantAdmin(caller.id(), id).map(u -> RestResponse.ok(AdminUserView.of(u)));
    }

    @DELETE
    @Path("/{id}/roles/admin")
    @Operation(summary = "Revoke the admin role (UserRoleChanged)")
    public Uni<RestResponse<AdminUserView>> revokeAdmin(@PathParam("id") String id) {
        return admin.revokeAdmin(caller.id(), id).map(u -> RestResponse.ok(AdminUserView.of(u)));
    }
}
