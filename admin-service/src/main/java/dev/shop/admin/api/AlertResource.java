package dev.shop.admin.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.admin.application.Alerts;
import dev.shop.admin.domain.Alert;
import dev.shop.admin.domain.AlertKind;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/** Alerts: low stock, payment failures and refunds due, dead-lettered events; acknowledged by an admin. */
@Path("/api/v1/admin/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class AlertResource {

    private static final int MAX_NOTE = 500;

    public record AcknowledgementView(String actorId, String actorPhone, Instant at, String note) {
    }

    public record AlertView(String id, String kind, String status, String subjectType, String subjectId, String title,
            Map<String, String> details, Instant raisedAt, AcknowledgementView acknowledged) {

        static AlertView of(Alert a) {
            Alert.Acknowledgement ack = a.acknowledgement();
            return new AlertView(a.id(), a.kind().name(), a.status().name(), a.subjectType(), a.subjectId(), a.title(),
                    a.details(), a.raisedAt(),
                    ack == null ? null : new AcknowledgementView(ack.actorId(), ack.actorPhone(), ack.at(), ack.note()));
        }
    }

    public static class AlertQuery {
        @QueryParam("status")
        String status;
        @QueryParam("kind")
        String kind;

        Alert.Status status(QueryValues values) {
            String value = values.oneOf("status", status, names(Alert.Status.values()));
            return value == null ? null : Alert.Status.valueOf(value);
        }

        AlertKind kind(QueryValues values) {
            String value = values.oneOf("kind", kind, names(AlertKind.values()));
            return value == null ? null : AlertKind.valueOf(value);
        }

        private static Set<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
        }
    }

    public record AcknowledgeRequest(String note) {
    }

    private final Alerts alerts;
    private final AdminCallers callers;
    private final ObjectMapper mapper;

    public AlertResource(Alerts alerts, AdminCallers callers, ObjectMapper mapper) {
        this.alerts = alerts;
        this.callers = callers;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List alerts by status (OPEN, ACKNOWLEDGED) and kind (LOW_STOCK, PAYMENT_FAILED, REFUND_DUE, "
            + "DEAD_LETTER); newest first")
    public Uni<RestResponse<Page<AlertView>>> list(@BeanParam AlertQuery query, @BeanParam PageParams page) {
        List<Problem.Violation> violations = new ArrayList<>();
        QueryValues values = new QueryValues(violations);
        Alert.Status status = query.status(values);
        AlertKind kind = query.kind(values);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return alerts.list(status, kind, page.toRequest()).map(p -> RestResponse.ok(p.map(AlertView::of)));
    }

    @POST
    @Path("/{id}/ack")
    @Operation(summary = "Acknowledge an alert (audited); who and when is kept. Optional body: {\"note\": \"...\"}. "
            + "409 when it was acknowledged already")
    public Uni<RestResponse<AlertView>> acknowledge(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, description = "Optional JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AcknowledgeRequest.class))) String rawBody) {
        String alertId = Ids.require("id", id);
        String note = note(rawBody, contentType);
        return alerts.acknowledge(callers.current(), alertId, note).map(a -> RestResponse.ok(AlertView.of(a)));
    }

    private String note(String rawBody, String contentType) {
        AcknowledgeRequest request = OptionalBody.parse(mapper, rawBody, contentType, AcknowledgeRequest.class,
                "{\"note\": \"...\"}");
        if (request == null) {
            return null;
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "must be at most " + MAX_NOTE + " characters");
        }
        return note;
    }
}
