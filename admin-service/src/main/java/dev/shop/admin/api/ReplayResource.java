package dev.shop.admin.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.admin.application.ReadModel;
import dev.shop.admin.application.ReadModelReplay;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Rebuilding a read model ({@code users}, {@code orders}, {@code products}) from its topics. */
@Path("/api/v1/admin/replay")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class ReplayResource {

    private final ReadModelReplay replay;
    private final AdminCallers callers;

    public ReplayResource(ReadModelReplay replay, AdminCallers callers) {
        this.replay = replay;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The last replay of every read model")
    public Uni<RestResponse<List<ReadModelReplay.Status>>> list() {
        return Multi.createFrom().iterable(ReadModelReplay.models())
                .onItem().transformToUniAndConcatenate(replay::status)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList()
                .map(RestResponse::ok);
    }

    @POST
    @Path("/{readModel}")
    @Operation(summary = "Rebuild a read model (users, orders, products) from the beginning of its topics into a "
            + "fresh collection, then swap it in; runs in the background (202; audited). 409 while one runs")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadModelReplay.Status.class)))
    public Uni<RestResponse<ReadModelReplay.Status>> start(@PathParam("readModel") String name) {
        ReadModel model = model(name);
        return replay.start(callers.current(), model).map(status -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, status)
                .location(URI.create("/api/v1/admin/replay/" + model.pathName()))
                .build());
    }

    @GET
    @Path("/{readModel}")
    @Operation(summary = "How the last replay of a read model went, or is going")
    public Uni<RestResponse<ReadModelReplay.Status>> status(@PathParam("readModel") String name) {
        ReadModel model = model(name);
        return replay.status(model).map(found -> RestResponse.ok(found.orElseThrow(
                () -> ProblemException.notFound("The " + model.pathName() + " read model was never replayed"))));
    }

    private static ReadModel model(String name) {
        return ReadModel.byPathName(name).orElseThrow(() -> ProblemException.notFound(
                "No read model " + name + "; the read models are users, orders and products"));
    }
}
