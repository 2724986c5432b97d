package dev.shop.admin.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.shop.admin.domain.Alert;
import dev.shop.admin.domain.AlertKind;
import dev.shop.kit.aggregate.AggregateMapper;

/** Alerts to documents and back. */
public final class AlertMapper implements AggregateMapper<Alert, AlertDocument> {

    public static final AlertMapper INSTANCE = new AlertMapper();

    @Override
    public Alert toDomain(AlertDocument d) {
        Alert.Acknowledgement ack = d.acknowledgedAt == null ? null
                : new Alert.Acknowledgement(d.acknowledgedBy, d.acknowledgedByPhone, d.acknowledgedAt,
                        d.acknowledgementNote);
        return new Alert(d.id, AlertKind.valueOf(d.kind), d.subjectType, d.subjectId, d.title, d.details, d.raisedAt,
                d.sourceEventId, Alert.Status.valueOf(d.status), ack, d.version);
    }

    @Override
    public AlertDocument toDocument(Alert a) {
        AlertDocument d = new AlertDocument();
        d.id = a.id();
        d.kind = a.kind().name();
        d.status = a.status().name();
        d.subjectType = a.subjectType();
        d.subjectId = a.subjectId();
        d.title = a.title();
        Map<String, String> details = new LinkedHashMap<>();
        a.details().forEach((k, v) -> {
            if (v != null) {
                details.put(k, v);
            }
        });
        d.details = details;
        d.raisedAt = a.raisedAt();
        d.sourceEventId = a.sourceEventId();
        if (a.acknowledgement() != null) {
            d.acknowledgedBy = a.acknowledgement().actorId();
            d.acknowledgedByPhone = a.acknowledgement().actorPhone();
            d.acknowledgedAt = a.acknowledgement().at();
            d.acknowledgementNote = a.acknowledgement().note();
        }
        d.version = a.version();
        return d;
    }
}
