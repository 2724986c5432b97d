package dev.shop.admin.domain;

/**
 * What an audit entry says, before it takes its place in the chain. {@code before}, {@code after} and {@code request}
 * are canonical JSON text (see {@link CanonicalJson}) or null.
 *
 * @param id the entry id to use, for entries made from another service's event (so a redelivered event maps to the
 *        same entry); null for a new id
 */
public record AuditDraft(
        String id,
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
        String sourceEventId) {

    public static Builder builder(String kind, String action) {
        return new Builder(kind, action);
    }

    /** Assembles a draft field by field; most entries leave half of them empty. */
    public static final class Builder {
        private String id;
        private final String kind;
        private final String action;
        private String actorId;
        private String actorPhone;
        private String targetType;
        private String targetId;
        private String before;
        private String after;
        private String request;
        private String requestId;
        private String clientAddress;
        private String outcome;
        private Integer status;
        private String detail;
        private String source;
        private String sourceEventId;

        private Builder(String kind, String action) {
            this.kind = kind;
            this.action = action;
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder actor(String actorId, String actorPhone) {
            this.actorId = actorId;
            this.actorPhone = actorPhone;
            return this;
        }

        public Builder target(String type, String targetId) {
            this.targetType = type;
            this.targetId = targetId;
            return this;
        }

        public Builder before(String canonicalJson) {
            this.before = canonicalJson;
            return this;
        }

        public Builder after(String canonicalJson) {
            this.after = canonicalJson;
            return this;
        }

        public Builder request(String canonicalJson) {
            this.request = canonicalJson;
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder clientAddress(String value) {
            this.clientAddress = value;
            return this;
        }

        public Builder outcome(String value, Integer httpStatus, String explanation) {
            this.outcome = value;
            this.status = httpStatus;
            this.detail = explanation;
            return this;
        }

        public Builder source(String service, String eventId) {
            this.source = service;
            this.sourceEventId = eventId;
            return this;
        }

        public AuditDraft build() {
            return new AuditDraft(id, kind, actorId, actorPhone, action, targetType, targetId, before, after, request,
                    requestId, clientAddress, outcome, status, detail, source, sourceEventId);
        }
    }
}
