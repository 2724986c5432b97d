package dev.shop.admin.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.admin.application.AuditLog;
import dev.shop.admin.application.AuditValues;
import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.AuditCriteria;
import dev.shop.admin.domain.AuditEntry;
import dev.shop.admin.domain.ChainVerification;
import dev.shop.contracts.admin.AuditRecorded;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The audit log: search, CSV export and the hash-chain check. There is no route that changes or removes an entry. */
@Path("/api/v1/admin")
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class AuditResource {

    public record AuditEntryView(String id, long seq, Instant at, String kind, String actorId, String actorPhone,
            String action, String targetType, String targetId,
            @Schema(implementation = Object.class, description = "Any JSON value: the state before") JsonNode before,
            @Schema(implementation = Object.class, description = "Any JSON value: the state after") JsonNode after,
            @Schema(implementation = Object.class, description = "Any JSON value: the request") JsonNode request,
            String requestId, String clientAddress, String outcome, Integer status, String detail, String source,
            String sourceEventId, String prevHash, String hash) {
    }

    /** {@code {valid, entries, firstBrokenId?}}, and where the chain broke, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerificationView(boolean valid, long entries, String firstBrokenId, Long firstBrokenSeq,
            String reason) {

        static VerificationView of(ChainVerification.Result r) {
            return new VerificationView(r.valid(), r.entries(), r.firstBrokenId(), r.firstBrokenSeq(), r.reason());
        }
    }

    /** The search parameters of {@code GET /admin/audit} and {@code /admin/audit.csv}. */
    public static class AuditQuery {
        @QueryParam("actor")
        String actor;
        @QueryParam("action")
        String action;
        @QueryParam("target")
        String target;
        @QueryParam("outcome")
        String outcome;
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;

        AuditCriteria toCriteria(AdminConfig config) {
            List<Problem.Violation> violations = new ArrayList<>();
            QueryValues values = new QueryValues(violations);
            String actionText = values.text("action", action);
            boolean prefix = actionText != null && actionText.endsWith("*");
            if (prefix) {
                actionText = actionText.substring(0, actionText.length() - 1);
            }
            Instant fromInstant = values.instant("from", from, config.zone(), false);
            Instant toInstant = values.instant("to", to, config.zone(), true);
            values.rangeInOrder("from", fromInstant, toInstant);
            AuditCriteria criteria = new AuditCriteria(values.text("actor", actor), actionText, prefix,
                    values.text("target", target), values.oneOf("outcome", outcome, Set.of(AuditRecorded.SUCCEEDED,
                            AuditRecorded.REJECTED, AuditRecorded.FAILED, AuditRecorded.OBSERVED)),
                    fromInstant, toInstant);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return criteria;
        }
    }

    private final AuditLog log;
    private final AuditValues values;
    private final AdminConfig config;

    public AuditResource(AuditLog log, AuditValues values, AdminConfig config) {
        this.log = log;
        this.values = values;
        this.config = config;
    }

    @GET
    @Path("/audit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the audit log by actor (id or phone), action (exact, or a prefix ending in *), "
            + "target id, outcome and time (from, to); newest first")
    public Uni<RestResponse<Page<AuditEntryView>>> search(@BeanParam AuditQuery query, @BeanParam PageParams page) {
        return log.search(query.toCriteria(config), page.toRequest()).map(p -> RestResponse.ok(p.map(this::view)));
    }

    @GET
    @Path("/audit/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One audit entry")
    public Uni<RestResponse<AuditEntryView>> get(@PathParam("id") String id) {
        return log.entry(Ids.require("id", id))
                .map(found -> RestResponse.ok(view(found.orElseThrow(
                        () -> ProblemException.notFound("No audit entry " + id)))));
    }

    @GET
    @Path("/audit.csv")
    @Produces("text/csv")
    @Operation(summary = "Export the matching entries as CSV, oldest first, streamed (same filters as the search)")
    public Multi<String> export(@BeanParam AuditQuery query) {
        AuditCriteria criteria = query.toCriteria(config);
        Multi<String> lines = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(AuditCsv.header()),
                log.export(criteria).map(AuditCsv::row));
        return RestMulti.fromMultiData(lines)
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                .header("Content-Type", "text/csv; charset=UTF-8")
                .build();
    }

    @GET
    @Path("/audit/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the hash chain: every entry in order, linked to the one before, content matching its "
            + "hash. {valid, entries, firstBrokenId?}")
    public Uni<RestResponse<VerificationView>> verify() {
        return log.verify().map(result -> RestResponse.ok(VerificationView.of(result)));
    }

    private AuditEntryView view(AuditEntry e) {
        return new AuditEntryView(e.id(), e.seq(), e.at(), e.kind(), e.actorId(), e.actorPhone(), e.action(),
                e.targetType(), e.targetId(), values.parse(e.before()), values.parse(e.after()),
                values.parse(e.request()), e.requestId(), e.clientAddress(), e.outcome(), e.status(), e.detail(),
                e.source(), e.sourceEventId(), e.prevHash(), e.hash());
    }
}
