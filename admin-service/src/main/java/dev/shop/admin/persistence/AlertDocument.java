package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** An alert as stored; changed only through the aggregate store (acknowledgement). */
@MongoEntity(collection = AlertDocument.COLLECTION)
public class AlertDocument {

    public static final String COLLECTION = "alerts";

    public String id;
    public String kind;
    public String status;
    public String subjectType;
    public String subjectId;
    public String title;
    public Map<String, String> details;
    public Instant raisedAt;
    public String sourceEventId;
    public String acknowledgedBy;
    public String acknowledgedByPhone;
    public Instant acknowledgedAt;
    public String acknowledgementNote;
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
