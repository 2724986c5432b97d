package dev.shop.admin.domain;

import java.time.Instant;

/**
 * What to look for in the audit log; every part is optional.
 *
 * @param actor an actor's user id or phone number
 * @param action an action name, or a prefix of one ({@code actionIsPrefix}), e.g. {@code catalog.}
 * @param actionIsPrefix whether {@code action} is a prefix
 * @param target a target id
 * @param outcome {@code SUCCEEDED}, {@code REJECTED}, {@code FAILED} or {@code OBSERVED}
 * @param from entries written at or after this instant
 * @param to entries written before this instant
 */
public record AuditCriteria(String actor, String action, boolean actionIsPrefix, String target, String outcome,
        Instant from, Instant to) {

    public static final AuditCriteria ALL = new AuditCriteria(null, null, false, null, null, null, null);
}
