package dev.shop.admin.application;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.admin.client.DownstreamReply;
import dev.shop.admin.client.DownstreamUnavailableException;
import dev.shop.admin.domain.AuditDraft;
import dev.shop.admin.domain.AuditEntry;
import dev.shop.contracts.admin.AuditRecorded;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs an admin command and records it in the audit log with its outcome: {@code SUCCEEDED}, {@code REJECTED} (the
 * owning service, or this one, refused it: the refusal is passed on) or {@code FAILED} (the owning service could not be
 * reached, timed out, or its circuit is open: the admin gets a 503). The entry is written before the admin gets the
 * answer; only if the log itself cannot be written does the answer go out without it (see {@link #record}).
 */
@ApplicationScoped
public class AuditedCommands {

    static final String SOURCE = "admin-service";
    private static final long OPEN_CIRCUIT_RETRY_AFTER_SECONDS = 10;

    private final AuditLog log;
    private final UserDirectory directory;
    private final AuditValues values;

    public AuditedCommands(AuditLog log, UserDirectory directory, AuditValues values) {
        this.log = log;
        this.directory = directory;
        this.values = values;
    }

    /**
     * What a command is about, for its audit entry.
     *
     * @param action e.g. {@code user.block}
     * @param targetType e.g. {@code user}
     * @param targetId the target's id; null when the answer names it (a created product)
     * @param before canonical JSON of the target before, or null
     * @param request canonical JSON of what was asked, or null
     */
    public record Command(String action, String targetType, String targetId, String before, String request) {
    }

    /**
     * Forwards a command to the service that owns the target and passes its answer on (a refusal too).
     *
     * @param call the guarded call to the service
     * @param afterOf what of a successful answer goes into the entry as {@code after}
     * @throws DownstreamProblem 503 when the service could not carry it out
     */
    public Uni<DownstreamReply> forward(AdminCaller caller, String service, Command command,
            Supplier<Uni<DownstreamReply>> call, Function<DownstreamReply, String> afterOf) {
        return directory.phoneOf(caller.id()).flatMap(phone -> Uni.createFrom().deferred(call::get)
                .onItemOrFailure().transformToUni((reply, failure) -> {
                    AuditDraft draft = failure != null
                            ? draft(caller, phone, command, command.targetId())
                                    .outcome(AuditRecorded.FAILED, 503, describe(service, failure)).build()
                            : replied(caller, phone, command, reply, afterOf);
                    return record(draft).flatMap(entry -> failure != null
                            ? Uni.createFrom().failure(unavailable(service, failure))
                            : Uni.createFrom().item(reply));
                }));
    }

    /**
     * Runs a command carried out by this service itself (acknowledging an alert, starting a replay).
     *
     * @param status the HTTP status a success is answered with
     * @param afterOf what of the result goes into the entry as {@code after}
     */
    public <T> Uni<T> local(AdminCaller caller, Command command, Supplier<Uni<T>> work, int status,
            Function<T, String> afterOf) {
        return directory.phoneOf(caller.id()).flatMap(phone -> Uni.createFrom().deferred(work::get)
                .onItemOrFailure().transformToUni((result, failure) -> {
                    AuditDraft.Builder draft = draft(caller, phone, command, command.targetId());
                    if (failure == null) {
                        draft.after(afterOf.apply(result)).outcome(AuditRecorded.SUCCEEDED, status, null);
                    } else if (failure instanceof ProblemException problem && problem.status() < 500) {
                        draft.outcome(AuditRecorded.REJECTED, problem.status(), problem.getMessage());
                    } else {
                        draft.outcome(AuditRecorded.FAILED, failure instanceof ProblemException p ? p.status() : 500,
                                "The command failed");
                    }
                    return record(draft.build()).flatMap(entry -> failure != null
                            ? Uni.createFrom().<T> failure(failure)
                            : Uni.createFrom().item(result));
                }));
    }

    private AuditDraft replied(AdminCaller caller, String phone, Command command, DownstreamReply reply,
            Function<DownstreamReply, String> afterOf) {
        JsonNode body = values.parse(reply.body());
        String targetId = command.targetId() != null ? command.targetId() : idIn(body);
        AuditDraft.Builder draft = draft(caller, phone, command, targetId);
        if (reply.succeeded()) {
            draft.after(afterOf.apply(reply)).outcome(AuditRecorded.SUCCEEDED, reply.status(), null);
        } else {
            draft.outcome(AuditRecorded.REJECTED, reply.status(), problemDetail(body, reply.status()));
        }
        return draft.build();
    }

    private AuditDraft.Builder draft(AdminCaller caller, String phone, Command command, String targetId) {
        return AuditDraft.builder(AuditRecorded.KIND_COMMAND, command.action())
                .actor(caller.id(), phone)
                .target(command.targetType(), targetId)
                .before(command.before())
                .request(command.request())
                .requestId(caller.requestId())
                .clientAddress(caller.clientAddress())
                .source(SOURCE, null);
    }

    /**
     * Writes the entry. If the log cannot be written after the owning service already acted, the answer still goes
     * out (refusing it would invite a repeat of a command that happened) and the entry is logged in full instead.
     */
    private Uni<AuditEntry> record(AuditDraft draft) {
        return log.append(draft).onFailure().recoverWithItem(failure -> {
            Log.errorf(failure, "Audit entry could not be appended; it was: %s", draft);
            return null;
        });
    }

    private static String idIn(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode id = body.hasNonNull("id") ? body.get("id") : body.get("code");
        return id == null || !id.isValueNode() ? null : id.asText();
    }

    private static String problemDetail(JsonNode body, int status) {
        if (body != null && body.hasNonNull("detail")) {
            return body.get("detail").asText();
        }
        if (body != null && body.hasNonNull("title")) {
            return body.get("title").asText();
        }
        return "Refused with status " + status;
    }

    static String describe(String service, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "The circuit to " + service + " is open after repeated failures; the call was not attempted";
        }
        if (failure instanceof TimeoutException) {
            return service + " did not answer in time";
        }
        if (failure instanceof DownstreamUnavailableException unavailable) {
            return unavailable.getMessage();
        }
        return "The call to " + service + " failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static DownstreamProblem unavailable(String service, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new DownstreamProblem(service + " is unavailable; try again later", OPEN_CIRCUIT_RETRY_AFTER_SECONDS);
        }
        if (failure instanceof TimeoutException) {
            return new DownstreamProblem(service + " did not answer in time; check whether the change was made before "
                    + "repeating it", null);
        }
        if (failure instanceof DownstreamUnavailableException unavailable && unavailable.refused()) {
            return new DownstreamProblem(service + " is unavailable; the command was not carried out", null);
        }
        return new DownstreamProblem(service + " failed; check whether the change was made before repeating it", null);
    }
}
