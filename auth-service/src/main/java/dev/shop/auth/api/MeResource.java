package dev.shop.auth.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.shop.auth.application.ProfileService;
import dev.shop.auth.domain.Address;
import dev.shop.auth.domain.AddressDraft;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The caller's profile and address book; the account is always the token's subject. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {

    /** Fields a user may change; {@code id}, {@code roles}, {@code phoneNumber} in the body are ignored. */
    public record ProfilePatch(String username, String fullName, String email) {
    }

    public record AddressRequest(String fullName, String phoneNumber, String line1, String line2, String landmark,
            String city, String state, String postalCode, String country,
            @JsonProperty("isDefault") Boolean isDefault) {

        AddressDraft toDraft() {
            return new AddressDraft(fullName, phoneNumber, line1, line2, landmark, city, state, postalCode, country,
                    Boolean.TRUE.equals(isDefault));
        }
    }

    public record AddressView(String id, String fullName, String phoneNumber, String line1, String line2,
            String landmark, String city, String state, String postalCode, String country,
            @JsonProperty("isDefault") boolean isDefault, Instant createdAt, Instant updatedAt) {

        static AddressView of(Address a) {
            return new AddressView(a.id(), a.fullName(), a.phoneNumber(), a.line1(), a.line2(), a.landmark(),
                    a.city(), a.state(), a.postalCode(), a.country(), a.isDefault(), a.createdAt(), a.updatedAt());
        }
    }

    private final ProfileService profiles;
    private final CurrentUser caller;

    public MeResource(ProfileService profiles, CurrentUser caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's profile")
    public Uni<RestResponse<AuthDtos.ProfileView>> profile() {
        return profiles.profile(caller.id()).map(u -> RestResponse.ok(AuthDtos.ProfileView.of(u)));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change username, full name or email (an empty string clears full name or email)")
    public Uni<RestResponse<AuthDtos.ProfileView>> update(@NotNull ProfilePatch body) {
        return profiles.update(caller.id(), body.username(), body.fullName(), body.email())
                .map(u -> RestResponse.ok(AuthDtos.ProfileView.of(u)));
    }

    @GET
    @Path("/addresses")
    @Operation(summary = "The caller's address book (at most 20 entries), default first")
    public Uni<RestResponse<Page<AddressView>>> addresses(@BeanParam PageParams params) {
        PageRequest page = params.toRequest();
        return profiles.addresses(caller.id()).map(all -> {
            List<AddressView> sorted = all.stream()
                    .sorted((a, b) -> a.isDefault() != b.isDefault() ? (a.isDefault() ? -1 : 1)
                            : a.createdAt().compareTo(b.createdAt()))
                    .map(AddressView::of).toList();
            List<AddressView> slice = sorted.stream().skip(page.offset()).limit(page.size()).toList();
            return RestResponse.ok(Page.of(slice, page, sorted.size()));
        });
    }

    @POST
    @Path("/addresses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an address; the first one, or one marked isDefault, becomes the default")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressView.class)))
    public Uni<RestResponse<AddressView>> addAddress(@Valid @NotNull AddressRequest body) {
        return profiles.addAddress(caller.id(), body.toDraft())
                .map(a -> RestResponse.ResponseBuilder.<AddressView> created(URI.create("/api/v1/me/addresses/" + a.id()))
                        .entity(AddressView.of(a)).build());
    }

    @PUT
    @Path("/addresses/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an address")
    public Uni<RestResponse<AddressView>> replaceAddress(@PathParam("id") String id,
            @Valid @NotNull AddressRequest body) {
        return profiles.replaceAddress(caller.id(), id, body.toDraft()).map(a -> RestResponse.ok(AddressView.of(a)));
    }

    @DELETE
    @Path("/addresses/{id}")
    @Operation(summary = "Remove an address; if it was the default, the newest remaining one becomes the default")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> removeAddress(@PathParam("id") String id) {
        return profiles.removeAddress(caller.id(), id).map(v -> RestResponse.noContent());
    }
}
