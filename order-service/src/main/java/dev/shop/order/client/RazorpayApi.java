package dev.shop.order.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The part of Razorpay's API ({@code https://api.razorpay.com/v1}) card payments use: Orders (a payment session) and
 * Refunds. Every call authenticates with HTTP Basic, key id and key secret. Use it through {@link RazorpayProvider}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RazorpayApi {

    String SERVICE = "Razorpay";

    /** Razorpay's header that makes a refund request repeatable: the same key refunds once. */
    String REFUND_IDEMPOTENCY = "X-Refund-Idempotency";

    /**
     * @param amount in the currency's smallest unit (paise)
     * @param receipt the shop's order number (at most 40 characters)
     * @param notes {@code orderId}: the shop's order id, returned in the {@code order.paid} webhook
     */
    record NewOrder(long amount, String currency, String receipt, Map<String, String> notes) {
    }

    /** An order as Razorpay shows it; {@code notes} is an object, or an empty array when there are none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RazorpayOrder(String id, Long amount, String currency, String receipt, String status, JsonNode notes) {

        String note(String name) {
            JsonNode value = notes == null ? null : notes.get(name);
            return value != null && value.isTextual() ? value.asText() : null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderList(List<RazorpayOrder> items) {
    }

    record NewRefund(long amount, Map<String, String> notes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RazorpayRefund(String id, Long amount, String status) {
    }

    /** The orders whose receipt is {@code receipt}, newest first. */
    @GET
    @Path("/orders")
    Uni<OrderList> ordersWithReceipt(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("receipt") String receipt);

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RazorpayOrder> createOrder(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewOrder order);

    @POST
    @Path("/payments/{paymentId}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RazorpayRefund> refund(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(REFUND_IDEMPOTENCY) String idempotencyKey, @PathParam("paymentId") String paymentId,
            NewRefund refund);

    /**
     * 5xx, 429 (rate limited) and 409 (the same idempotent request still being processed) are worth another try; any
     * other 4xx is a refusal (bad credentials, a request Razorpay will not take), never retried.
     */
    @ClientExceptionMapper
    static RuntimeException failed(Response response) {
        int status = response.getStatus();
        return status >= 500 || status == 429 || status == 409 ? new DependencyFailed(SERVICE, status)
                : new DependencyRefused(SERVICE, status);
    }
}
