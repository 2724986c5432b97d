package dev.shop.admin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.shop.kit.aggregate.IllegalTransitionException;

/**
 * Something an admin should look at. Raised from events, open until an admin acknowledges it; who acknowledged it and
 * when is kept. Acknowledging twice is a conflict, so two admins cannot both believe they handled it.
 */
public final class Alert {

    public enum Status {
        OPEN,
        ACKNOWLEDGED
    }

    /** Who acknowledged an alert. */
    public record Acknowledgement(String actorId, String actorPhone, Instant at, String note) {
    }

    private final String id;
    private final AlertKind kind;
    private final String subjectType;
    private final String subjectId;
    private final String title;
    private final Map<String, String> details;
    private final Instant raisedAt;
    private final String sourceEventId;
    private final long version;
    private Status status;
    private Acknowledgement acknowledgement;

    public Alert(String id, AlertKind kind, String subjectType, String subjectId, String title,
            Map<String, String> details, Instant raisedAt, String sourceEventId, Status status,
            Acknowledgement acknowledgement, long version) {
        this.id = id;
        this.kind = kind;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.title = title;
        this.details = withoutBlanks(details);
        this.raisedAt = raisedAt;
        this.sourceEventId = sourceEventId;
        this.status = status;
        this.acknowledgement = acknowledgement;
        this.version = version;
    }

    /** A new, open alert. */
    public static Alert raise(String id, AlertKind kind, String subjectType, String subjectId, String title,
            Map<String, String> details, Instant raisedAt, String sourceEventId) {
        return new Alert(id, kind, subjectType, subjectId, title, details, raisedAt, sourceEventId, Status.OPEN, null,
                0);
    }

    /**
     * Marks the alert as handled by {@code actorId}.
     *
     * @return the events this produced (none: the acknowledgement is audited by the caller)
     * @throws IllegalTransitionException 409 when it was already acknowledged
     */
    public List<Object> acknowledge(String actorId, String actorPhone, String note, Instant now) {
        if (status != Status.OPEN) {
            throw new IllegalTransitionException("alert", id, status, Status.ACKNOWLEDGED);
        }
        status = Status.ACKNOWLEDGED;
        acknowledgement = new Acknowledgement(actorId, actorPhone, now, note);
        return List.of();
    }

    public String id() {
        return id;
    }

    /** Details an event did not carry are left out rather than stored empty. */
    private static Map<String, String> withoutBlanks(Map<String, String> details) {
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    kept.put(key, value);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(kept);
    }

    public AlertKind kind() {
        return kind;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public String title() {
        return title;
    }

    public Map<String, String> details() {
        return details;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public Status status() {
        return status;
    }

    public Acknowledgement acknowledgement() {
        return acknowledgement;
    }

    public long version() {
        return version;
    }
}
