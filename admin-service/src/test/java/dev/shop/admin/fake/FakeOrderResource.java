package dev.shop.admin.fake;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * order-service's admin status change ({@code PATCH /api/v1/orders/{id}/status}): records the call and answers the
 * scripted reply, or by default 200 with the order's id, number and the requested status and shipment.
 */
@Path("/fake/orders/api/v1/orders/{id}/status")
@RolesAllowed("admin")
public class FakeOrderResource {

    private final FakeDownstream fake;
    private final ObjectMapper mapper;

    public FakeOrderResource(FakeDownstream fake, ObjectMapper mapper) {
        this.fake = fake;
        this.mapper = mapper;
    }

    @PATCH
    @Operation(hidden = true)
    public Uni<Response> change(@PathParam("id") String id, String body, @Context HttpServerRequest request) {
        return fake.handle(FakeDownstream.ORDERS, request, body, Uni.createFrom().item(() -> {
            FakeDownstream.Reply reply = fake.scripted(FakeDownstream.ORDERS);
            if (reply != null) {
                return Response.status(reply.status()).type(reply.contentType()).entity(reply.body()).build();
            }
            try {
                ObjectNode order = (ObjectNode) mapper.readTree(body);
                order.put("id", id);
                order.put("number", "SO-" + id.substring(Math.max(0, id.length() - 6)));
                return Response.ok(mapper.writeValueAsString(order), "application/json").build();
            } catch (Exception e) {
                return Response.status(400).build();
            }
        }));
    }
}
