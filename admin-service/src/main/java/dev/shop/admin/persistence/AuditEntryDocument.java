package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One audit entry as stored. The entry fields never change after the insert; {@code version} and {@code outbox} belong
 * to the aggregate store and the outbox relay (the relay removes the {@code AuditRecorded} event once Kafka has it).
 */
@MongoEntity(collection = AuditEntryDocument.COLLECTION)
public class AuditEntryDocument {

    public static final String COLLECTION = "audit_log";

    public String id;
    public long seq;
    public Instant at;
    public String kind;
    public String actorId;
    public String actorPhone;
    public String action;
    public String targetType;
    public String targetId;
    public String before;
    public String after;
    public String request;
    public String requestId;
    public String clientAddress;
    public String outcome;
    public Integer status;
    public String detail;
    public String source;
    public String sourceEventId;
    public String prevHash;
    public String hash;
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
