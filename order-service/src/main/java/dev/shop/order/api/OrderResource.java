package dev.shop.order.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.contracts.http.EntityTags;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import dev.shop.order.api.OrderDtos.CancelRequest;
import dev.shop.order.api.OrderDtos.OrderView;
import dev.shop.order.api.OrderDtos.PlaceOrderRequest;
import dev.shop.order.api.OrderDtos.PlacedResponse;
import dev.shop.order.api.OrderDtos.StatusChangeRequest;
import dev.shop.order.application.OrderCheckout;
import dev.shop.order.application.OrderCommands;
import dev.shop.order.application.OrderQueries;
import dev.shop.order.application.PlaceOrder;
import dev.shop.order.domain.IdempotencyKey;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderState;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Checkout, the customer's orders, cancellation, and the admin's status changes. */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrderResource {

    static final String IF_NONE_MATCH = "If-None-Match";
    static final String PREFER = "Prefer";

    /** Set on an answer repeated for a request with an Idempotency-Key that was already used. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final OrderCheckout checkout;
    private final OrderCommands commands;
    private final OrderQueries queries;
    private final CurrentUser caller;

    public OrderResource(OrderCheckout checkout, OrderCommands commands, OrderQueries queries, CurrentUser caller) {
        this.checkout = checkout;
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order from the caller's cart", description = "Requires an Idempotency-Key header "
            + "(8-128 characters: letters, digits, . _ : -). Prices come from the catalogue, never from the client; "
            + "lines priced differently from the cart are listed in priceChanges. The order is PENDING until its "
            + "stock is reserved. The same key with the same body answers the original 202 again "
            + "(Idempotent-Replayed: true); with another body, 422.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlacedResponse.class)))
    public Uni<RestResponse<PlacedResponse>> place(@HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull PlaceOrderRequest body) {
        String key = IdempotencyKey.parse(idempotencyKey);
        PlaceOrder command = new PlaceOrder(key, body.addressId(),
                body.shippingAddress() == null ? null : body.shippingAddress().toDomain(), body.paymentMethod(),
                body.couponCode(), body.note());
        String token = caller.rawToken().orElseThrow(() -> ProblemException.unauthorized("A bearer token is required"));
        return checkout.place(caller.id(), token, command)
                .map(placed -> {
                    RestResponse.ResponseBuilder<PlacedResponse> answer = RestResponse.ResponseBuilder
                            .<PlacedResponse> create(RestResponse.Status.ACCEPTED)
                            .location(URI.create("/api/v1/orders/" + placed.order().id()))
                            .entity(PlacedResponse.of(placed.order()));
                    if (placed.replayed()) {
                        answer.header(REPLAYED, "true");
                    }
                    return answer.build();
                });
    }

    @GET
    @Authenticated
    @Operation(summary = "The caller's orders, newest first", description = "Optional status filter; paginated.")
    public Uni<RestResponse<Page<OrderView>>> list(@QueryParam("status") String status,
            @BeanParam PageParams paging) {
        Optional<OrderState> filter = status == null || status.isBlank() ? Optional.empty()
                : Optional.of(OrderState.parse(status).orElseThrow(() -> ProblemException.invalid("status",
                        "must be one of PENDING, CONFIRMED, AWAITING_PAYMENT, PAID, REJECTED, CANCELLED, SHIPPED, "
                                + "DELIVERED")));
        return queries.ofCustomer(caller.id(), filter, paging.toRequest())
                .map(page -> RestResponse.ok(page.map(OrderView::of)));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "One order: the caller's own, or any as an admin (another customer's order is 404)", description = "Answers with an ETag (W/\"<version>\"); with If-None-Match naming the current one, 304. "
            + "To follow a checkout without polling, add Prefer: wait=N (seconds, at most 5) to that "
            + "If-None-Match: the answer comes as soon as the order changes (200, Preference-Applied: wait=N), "
            + "or after N seconds with 304 if it did not.")
    @Parameter(name = IF_NONE_MATCH, in = ParameterIn.HEADER, description = "The ETag of the order as last seen", schema = @Schema(type = SchemaType.STRING, maxLength = 256), example = "W/\"2\"")
    @Parameter(name = PREFER, in = ParameterIn.HEADER, description = "wait=N (1-5): with If-None-Match, wait up to N "
            + "seconds for the order to change", schema = @Schema(type = SchemaType.STRING, maxLength = 256), example = "wait=5")
    @APIResponse(responseCode = "200", description = "OK", headers = @Header(name = "ETag", description = "The "
            + "order's version, for If-None-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "304", description = "Not modified: the order is still as If-None-Match says (after "
            + "the wait, if one was asked for)")
    public Uni<RestResponse<OrderView>> get(@PathParam("id") String id,
            @HeaderParam(IF_NONE_MATCH) String ifNoneMatch, @HeaderParam(PREFER) String prefer) {
        Predicate<Order> unchanged = order -> EntityTags.matches(ifNoneMatch, entityTag(order));
        Optional<Duration> wait = ifNoneMatch == null ? Optional.empty()
                : waitPreference(prefer).map(w -> w.compareTo(queries.maxWait()) > 0 ? queries.maxWait() : w);
        Uni<Order> read = wait.isPresent()
                ? queries.watch(id, caller.id(), caller.isAdmin(), unchanged, wait.get())
                : queries.get(id, caller.id(), caller.isAdmin());
        return read.map(order -> {
            RestResponse.ResponseBuilder<OrderView> answer = unchanged.test(order)
                    ? RestResponse.ResponseBuilder.<OrderView> create(RestResponse.Status.NOT_MODIFIED)
                    : RestResponse.ResponseBuilder.ok(OrderView.of(order));
            answer.header("ETag", entityTag(order)).header("Cache-Control", "private, no-cache");
            wait.ifPresent(w -> answer.header("Preference-Applied", "wait=" + w.toSeconds()));
            return answer.build();
        });
    }

    /** A weak tag: the version changes with every change of the order, and only then. */
    static String entityTag(Order order) {
        return "W/\"" + order.version() + "\"";
    }

    /**
     * The {@code wait} preference of RFC 7240 ({@code Prefer: respond-async, wait=5}), in whole seconds from 1; a
     * preference that cannot be read is ignored, as the RFC asks.
     */
    static Optional<Duration> waitPreference(String prefer) {
        if (prefer == null || prefer.length() > 256) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].strip();
            int equals = token.indexOf('=');
            if (equals > 0 && token.substring(0, equals).strip().equalsIgnoreCase("wait")) {
                String value = token.substring(equals + 1).strip().replace("\"", "");
                if (value.matches("[0-9]{1,4}") && Integer.parseInt(value) > 0) {
                    return Optional.of(Duration.ofSeconds(Integer.parseInt(value)));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(CurrentUser.ROLE_CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel one's own order until it ships", description = "409 once shipped, delivered, "
            + "rejected or cancelled. The stock goes back to the catalogue; a paid order is refunded.")
    public Uni<RestResponse<OrderView>> cancel(@PathParam("id") String id, @Valid @NotNull CancelRequest body) {
        return commands.cancelByCustomer(id, caller.id(), body.reason().strip())
                .map(order -> RestResponse.ok(OrderView.of(order)));
    }

    @PATCH
    @Path("/{id}/status")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admin: ship (carrier and trackingNumber required), deliver or cancel an order", description = ""
            + "An illegal transition is 409. With version, any other current version is 409 (stale-version).")
    public Uni<RestResponse<OrderView>> changeStatus(@PathParam("id") String id,
            @Valid @NotNull StatusChangeRequest body) {
        OrderState target = OrderState.valueOf(body.status());
        List<Problem.Violation> missing = new ArrayList<>();
        if (target == OrderState.SHIPPED) {
            if (isBlank(body.carrier())) {
                missing.add(new Problem.Violation("carrier", "is required to ship an order"));
            }
            if (isBlank(body.trackingNumber())) {
                missing.add(new Problem.Violation("trackingNumber", "is required to ship an order"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        String reason = isBlank(body.reason()) ? "Cancelled by the shop" : body.reason().strip();
        OrderCommands.StatusChange change = new OrderCommands.StatusChange(target, strip(body.carrier()),
                strip(body.trackingNumber()), reason);
        return commands.changeStatus(id, change, Optional.ofNullable(body.version()))
                .map(order -> RestResponse.ok(OrderView.of(order)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
