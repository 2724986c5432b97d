package dev.shop.admin.application;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.admin.client.DownstreamReply;
import dev.shop.admin.client.DownstreamRequest;
import dev.shop.admin.client.OrderService;
import io.smallrye.mutiny.Uni;

/**
 * Status changes of orders (shipped with carrier and tracking number, delivered), carried out by order-service, which
 * owns the order state machine, and audited here with the status before (from the order index) and after.
 */
@ApplicationScoped
public class OrderAdministration {

    private final OrderService orders;
    private final AuditedCommands commands;
    private final OrderIndex index;
    private final AuditValues values;

    public OrderAdministration(OrderService orders, AuditedCommands commands, OrderIndex index, AuditValues values) {
        this.orders = orders;
        this.commands = commands;
        this.index = index;
        this.values = values;
    }

    public Uni<DownstreamReply> changeStatus(AdminCaller caller, String orderId, String status, String carrier,
            String trackingNumber) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("status", status);
        request.put("carrier", carrier);
        request.put("trackingNumber", trackingNumber);
        String body = values.of(request);
        return index.find(orderId).flatMap(found -> commands.forward(caller, OrderService.NAME,
                new AuditedCommands.Command("order.status.change", "order", orderId,
                        found.map(o -> values.of(Map.of("status", o.status))).orElse(null), body),
                () -> orders.send(DownstreamRequest.of("PATCH", "/api/v1/orders/{id}/status", caller.credentials(),
                        "id", orderId).withBody(MediaType.APPLICATION_JSON, body)),
                reply -> after(reply, request)));
    }

    /** The status, carrier and tracking number as order-service answered them (what was asked, if it did not say). */
    private String after(DownstreamReply reply, Map<String, Object> request) {
        JsonNode body = values.parse(reply.body());
        if (body == null || !body.hasNonNull("status")) {
            return values.of(request);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", body.get("status").asText());
        for (String field : new String[] { "carrier", "trackingNumber" }) {
            JsonNode value = body.has(field) ? body.get(field) : body.path("shipment").get(field);
            view.put(field, value == null || value.isNull() ? request.get(field) : value.asText());
        }
        return values.of(view);
    }
}
