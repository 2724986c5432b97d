package dev.shop.admin.persistence;

import dev.shop.admin.domain.AuditEntry;
import dev.shop.kit.aggregate.AggregateMapper;

/** Audit entries to documents and back. */
public final class AuditEntryMapper implements AggregateMapper<AuditEntry, AuditEntryDocument> {

    public static final AuditEntryMapper INSTANCE = new AuditEntryMapper();

    @Override
    public AuditEntry toDomain(AuditEntryDocument d) {
        return new AuditEntry(d.id, d.seq, d.at, d.kind, d.actorId, d.actorPhone, d.action, d.targetType, d.targetId,
                d.before, d.after, d.request, d.requestId, d.clientAddress, d.outcome, d.status, d.detail, d.source,
                d.sourceEventId, d.prevHash, d.hash);
    }

    @Override
    public AuditEntryDocument toDocument(AuditEntry e) {
        AuditEntryDocument d = new AuditEntryDocument();
        d.id = e.id();
        d.seq = e.seq();
        d.at = e.at();
        d.kind = e.kind();
        d.actorId = e.actorId();
        d.actorPhone = e.actorPhone();
        d.action = e.action();
        d.targetType = e.targetType();
        d.targetId = e.targetId();
        d.before = e.before();
        d.after = e.after();
        d.request = e.request();
        d.requestId = e.requestId();
        d.clientAddress = e.clientAddress();
        d.outcome = e.outcome();
        d.status = e.status();
        d.detail = e.detail();
        d.source = e.source();
        d.sourceEventId = e.sourceEventId();
        d.prevHash = e.prevHash();
        d.hash = e.hash();
        return d;
    }
}
