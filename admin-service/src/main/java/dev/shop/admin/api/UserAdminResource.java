package dev.shop.admin.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.admin.application.UserAdministration;
import dev.shop.admin.application.UserDirectory;
import dev.shop.admin.domain.UserCriteria;
import dev.shop.admin.persistence.UserEntryDocument;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * The user directory (read model) and user administration, carried out by auth-service with the admin's token and
 * audited here. Commands answer with auth-service's answer, refusals included.
 */
@Path("/api/v1/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class UserAdminResource {

    private static final int MAX_REASON = 500;

    public record UserView(String id, String phoneNumber, String username, String fullName, String email,
            List<String> roles, String status, String method, Instant registeredAt, String blockedBy,
            String blockReason, Instant blockedAt) {

        static UserView of(UserEntryDocument u) {
            return new UserView(u.id, u.phoneNumber, u.username, u.fullName, u.email,
                    u.roles == null ? List.of() : u.roles, u.status, u.method, u.registeredAt, u.blockedBy,
                    u.blockReason, u.blockedAt);
        }
    }

    /** The search parameters of {@code GET /admin/users}. */
    public static class UserQuery {
        @QueryParam("q")
        String q;
        @QueryParam("role")
        String role;
        @QueryParam("status")
        String status;

        UserCriteria toCriteria() {
            List<Problem.Violation> violations = new ArrayList<>();
            QueryValues values = new QueryValues(violations);
            UserCriteria criteria = new UserCriteria(values.text("q", q),
                    values.oneOf("role", role, Set.of(CurrentUser.ROLE_CUSTOMER, CurrentUser.ROLE_ADMIN)),
                    values.oneOf("status", status, Set.of("ACTIVE", "BLOCKED")));
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return criteria;
        }
    }

    public record BlockRequest(String reason) {
    }

    /** The roles the account should have: {@code customer}, optionally with {@code admin}. */
    public record RolesRequest(
            @NotNull @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = "customer|admin", message = "must be customer or admin") String> roles) {
    }

    private final UserDirectory directory;
    private final UserAdministration administration;
    private final AdminCallers callers;
    private final ObjectMapper mapper;

    public UserAdminResource(UserDirectory directory, UserAdministration administration, AdminCallers callers,
            ObjectMapper mapper) {
        this.directory = directory;
        this.administration = administration;
        this.callers = callers;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Search the user directory by phone or name (q), role and status; newest first")
    public Uni<RestResponse<Page<UserView>>> search(@BeanParam UserQuery query, @BeanParam PageParams page) {
        return directory.search(query.toCriteria(), page.toRequest()).map(p -> RestResponse.ok(p.map(UserView::of)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One account as the user directory knows it")
    public Uni<RestResponse<UserView>> get(@PathParam("id") String id) {
        return directory.find(Ids.require("id", id)).map(found -> RestResponse.ok(UserView.of(
                found.orElseThrow(() -> ProblemException.notFound("No user " + id + " in the directory")))));
    }

    @POST
    @Path("/{id}/block")
    @Operation(summary = "Block an account (auth-service; audited). Optional body: {\"reason\": \"...\"}")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> block(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, description = "Optional JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BlockRequest.class))) String rawBody) {
        String userId = Ids.require("id", id);
        BlockRequest body = OptionalBody.parse(mapper, rawBody, contentType, BlockRequest.class,
                "{\"reason\": \"...\"}");
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "must be at most " + MAX_REASON + " characters");
        }
        return administration.block(callers.current(), userId, reason).map(Replies::passOn);
    }

    @POST
    @Path("/{id}/unblock")
    @Operation(summary = "Lift a block (auth-service; audited)")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> unblock(@PathParam("id") String id) {
        return administration.unblock(callers.current(), Ids.require("id", id)).map(Replies::passOn);
    }

    @PUT
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the account's roles: [\"customer\"] or [\"customer\", \"admin\"] (auth-service grants or "
            + "revokes admin; audited)")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> setRoles(@PathParam("id") String id, @Valid @NotNull RolesRequest request) {
        String userId = Ids.require("id", id);
        Set<String> roles = Set.copyOf(request.roles());
        if (!roles.contains(CurrentUser.ROLE_CUSTOMER)) {
            throw ProblemException.invalid("roles", "every account keeps the customer role");
        }
        return administration.setRoles(callers.current(), userId, roles).map(Replies::passOn);
    }

}
