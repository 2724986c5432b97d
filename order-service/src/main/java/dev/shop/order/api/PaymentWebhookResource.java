package dev.shop.order.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.order.application.OrderPayments;
import io.smallrye.mutiny.Uni;

/**
 * Where payment providers report payments. No token: the provider's signature over the raw body (and its timestamp) is
 * the authentication, checked before anything is read or stored.
 */
@Path("/api/v1/payments/webhooks/{provider}")
@Tag(name = "Payments")
public class PaymentWebhookResource {

    private final OrderPayments payments;

    public PaymentWebhookResource(OrderPayments payments) {
        this.payments = payments;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A payment provider's webhook", description = "razorpay: X-Razorpay-Signature (hex "
            + "HMAC-SHA256 of the raw body with the webhook secret) and X-Razorpay-Event-Id; fake-card: Standard "
            + "Webhooks 1.0 (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of "
            + "id.timestamp.body>). Unsigned, badly signed, tampered with or stale: 401 and nothing changes. Each "
            + "event id is applied once; a repeated delivery answers 204 and changes nothing.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "401", description = "Unsigned, badly signed, tampered with or stale")
    public Uni<RestResponse<Void>> receive(@PathParam("provider") String provider, @Context HttpHeaders headers,
            byte[] body) {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                lowerCase.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
            }
        }
        return payments.webhook(provider, lowerCase, body == null ? new byte[0] : body)
                .map(done -> RestResponse.noContent());
    }
}
