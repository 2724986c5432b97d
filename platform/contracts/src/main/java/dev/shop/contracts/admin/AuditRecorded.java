package dev.shop.contracts.admin;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An entry was appended to admin-service's tamper-evident audit log ({@code shop.admin.audit.v1}, key = entry id), for
 * export to a SIEM. Entries form one hash chain: {@code hash} is the SHA-256 (lower-case hex) of the entry's canonical
 * JSON, and each entry names the {@code hash} of the entry before it in {@code prevHash} (64 zeros for the first).
 * <p>
 * The canonical JSON is this payload without {@code hash}: absent values left out, object keys sorted by their UTF-16
 * code units at every level, no whitespace, integers as plain digits, strings with only {@code "}, {@code \} and control
 * characters escaped. A consumer that keeps the last {@code hash} it saw can check every new entry and notice an entry
 * removed from the end of the log, which the chain alone cannot show.
 *
 * @param id entry id
 * @param seq position in the chain, from 1, without gaps
 * @param at when the entry was written (millisecond precision)
 * @param kind {@code COMMAND} (an admin's request to admin-service) or {@code SECURITY_EVENT} (a security-relevant
 *        event of another service)
 * @param actorId user id of who acted; absent when unknown (e.g. a reused refresh token)
 * @param actorPhone the actor's phone number when known
 * @param action what was done, e.g. {@code user.block}, {@code catalog.product.update}, {@code security.role-granted}
 * @param targetType kind of thing acted on, e.g. {@code user}, {@code order}, {@code product}
 * @param targetId its id
 * @param before the target's state before, where known
 * @param after the target's state after, as the owning service answered, where known
 * @param request what the admin asked for (the command's body), where there was one
 * @param requestId the request id ({@code X-Request-Id}) of the command, or the correlation id of the event
 * @param clientAddress the admin's client address
 * @param outcome {@code SUCCEEDED}, {@code REJECTED} (the owning service refused), {@code FAILED} (the owning service
 *        could not be reached or failed) or {@code OBSERVED} (a security event)
 * @param status the HTTP status answered to the admin
 * @param detail a short explanation, e.g. the refusal's detail
 * @param source the service where it happened, e.g. {@code admin-service}, {@code auth-service}
 * @param sourceEventId for security events, the id of the event the entry was made from
 * @param prevHash the previous entry's {@code hash}
 * @param hash this entry's hash
 */
@EventContract(topic = Topics.ADMIN_AUDIT, type = AuditRecorded.TYPE, version = AuditRecorded.VERSION)
public record AuditRecorded(
        String id,
        long seq,
        Instant at,
        String kind,
        String actorId,
        String actorPhone,
        String action,
        String targetType,
        String targetId,
        JsonNode before,
        JsonNode after,
        JsonNode request,
        String requestId,
        String clientAddress,
        String outcome,
        Integer status,
        String detail,
        String source,
        String sourceEventId,
        String prevHash,
        String hash) {

    public static final String TYPE = "AuditRecorded";
    public static final int VERSION = 1;

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS_HASH = "0000000000000000000000000000000000000000000000000000000000000000";

    public static final String KIND_COMMAND = "COMMAND";
    public static final String KIND_SECURITY_EVENT = "SECURITY_EVENT";

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";
    public static final String OBSERVED = "OBSERVED";
}
