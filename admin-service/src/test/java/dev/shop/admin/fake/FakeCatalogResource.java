package dev.shop.admin.fake;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * catalog-service's admin writes ({@code /api/v1/...}): records each call and answers with the scripted reply, or by
 * default 201 with a new id for a POST, 204 for a DELETE, and 200 echoing the body otherwise. Admin-only like the real
 * endpoints.
 */
@Path("/fake/catalog/api/v1/{path: .+}")
@RolesAllowed("admin")
public class FakeCatalogResource {

    private final FakeDownstream fake;

    public FakeCatalogResource(FakeDownstream fake) {
        this.fake = fake;
    }

    @POST
    @Operation(hidden = true)
    public Uni<Response> post(@PathParam("path") String path, String body, @Context HttpServerRequest request) {
        return answer(request, body, () -> {
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            return Response.status(201).type("application/json").header("Location", "/api/v1/" + path + "/" + id)
                    .entity("{\"id\":\"" + id + "\",\"echo\":" + (body == null || body.isBlank() ? "null" : body) + "}")
                    .build();
        });
    }

    @PUT
    @Operation(hidden = true)
    public Uni<Response> put(@PathParam("path") String path, String body, @Context HttpServerRequest request) {
        return answer(request, body, () -> echo(body));
    }

    @PATCH
    @Operation(hidden = true)
    public Uni<Response> patch(@PathParam("path") String path, String body, @Context HttpServerRequest request) {
        return answer(request, body, () -> echo(body));
    }

    @DELETE
    @Operation(hidden = true)
    public Uni<Response> delete(@PathParam("path") String path, @Context HttpServerRequest request) {
        return answer(request, null, () -> Response.noContent().build());
    }

    private Uni<Response> answer(HttpServerRequest request, String body,
            java.util.function.Supplier<Response> normal) {
        return fake.handle(FakeDownstream.CATALOG, request, body, Uni.createFrom().item(() -> {
            FakeDownstream.Reply reply = fake.scripted(FakeDownstream.CATALOG);
            if (reply != null) {
                return Response.status(reply.status()).type(reply.contentType()).entity(reply.body()).build();
            }
            return normal.get();
        }));
    }

    private static Response echo(String body) {
        return Response.ok(body == null || body.isBlank() ? Map.of() : body, "application/json").build();
    }
}
