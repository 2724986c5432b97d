package dev.shop.admin.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import dev.shop.contracts.admin.AuditRecorded;

/**
 * The hash chain of the audit log. An entry's hash is the SHA-256 (lower-case hex) of its canonical JSON, which
 * contains every field but the hash itself, including {@code prevHash}, the hash of the entry before it. Changing,
 * removing or reordering any entry therefore breaks the chain at that entry or the one after it. The canonical form is
 * the one {@link AuditRecorded} documents, so a SIEM can check the published entries with the same rule.
 */
public final class AuditChain {

    /** {@code prevHash} of the first entry. */
    public static final String GENESIS = AuditRecorded.GENESIS_HASH;

    /** The last entry of a chain: where the next one attaches. */
    public record Tip(long seq, String hash) {

        public static final Tip EMPTY = new Tip(0, GENESIS);

        public long nextSeq() {
            return seq + 1;
        }
    }

    private AuditChain() {
    }

    /** The entry that {@code draft} becomes at position {@code tip.nextSeq()}, hashed. */
    public static AuditEntry link(AuditDraft draft, String id, Tip tip, Instant now) {
        AuditEntry unhashed = new AuditEntry(id, tip.nextSeq(), now.truncatedTo(ChronoUnit.MILLIS), draft.kind(),
                draft.actorId(), draft.actorPhone(), draft.action(), draft.targetType(), draft.targetId(),
                draft.before(), draft.after(), draft.request(), draft.requestId(), draft.clientAddress(),
                draft.outcome(), draft.status(), draft.detail(), draft.source(), draft.sourceEventId(), tip.hash(),
                null);
        return withHash(unhashed, hashOf(unhashed));
    }

    /** The canonical JSON of an entry, without its hash. */
    public static String canonical(AuditEntry e) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", e.id());
        fields.put("seq", e.seq());
        fields.put("at", e.at() == null ? null : e.at().toString());
        fields.put("kind", e.kind());
        fields.put("actorId", e.actorId());
        fields.put("actorPhone", e.actorPhone());
        fields.put("action", e.action());
        fields.put("targetType", e.targetType());
        fields.put("targetId", e.targetId());
        fields.put("before", raw(e.before()));
        fields.put("after", raw(e.after()));
        fields.put("request", raw(e.request()));
        fields.put("requestId", e.requestId());
        fields.put("clientAddress", e.clientAddress());
        fields.put("outcome", e.outcome());
        fields.put("status", e.status());
        fields.put("detail", e.detail());
        fields.put("source", e.source());
        fields.put("sourceEventId", e.sourceEventId());
        fields.put("prevHash", e.prevHash());
        return CanonicalJson.write(fields);
    }

    /** The hash the entry should carry, computed from its content. */
    public static String hashOf(AuditEntry e) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }

    private static CanonicalJson.Raw raw(String json) {
        return json == null ? null : new CanonicalJson.Raw(json);
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.id(), e.seq(), e.at(), e.kind(), e.actorId(), e.actorPhone(), e.action(),
                e.targetType(), e.targetId(), e.before(), e.after(), e.request(), e.requestId(), e.clientAddress(),
                e.outcome(), e.status(), e.detail(), e.source(), e.sourceEventId(), e.prevHash(), hash);
    }
}
