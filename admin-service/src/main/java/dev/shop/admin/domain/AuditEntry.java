package dev.shop.admin.domain;

import java.time.Instant;

/**
 * One entry of the audit chain. Append-only: nothing ever changes an entry once written. {@code before}, {@code after}
 * and {@code request} are canonical JSON text or null; {@code hash} covers every other field (see {@link AuditChain}).
 */
public record AuditEntry(
        String id,
        long seq,
        Instant at,
        String kind,
        String actorId,
        String actorPhone,
        String action,
        String targetType,
        String targetId,
        String before,
        String after,
        String request,
        String requestId,
        String clientAddress,
        String outcome,
        Integer status,
        String detail,
        String source,
        String sourceEventId,
        String prevHash,
        String hash) {
}
