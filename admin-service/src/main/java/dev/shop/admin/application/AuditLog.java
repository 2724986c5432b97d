package dev.shop.admin.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.AuditChain;
import dev.shop.admin.domain.AuditCriteria;
import dev.shop.admin.domain.AuditDraft;
import dev.shop.admin.domain.AuditEntry;
import dev.shop.admin.domain.ChainVerification;
import dev.shop.admin.persistence.AdminIndexes;
import dev.shop.admin.persistence.AuditEntryDocument;
import dev.shop.admin.persistence.AuditEntryMapper;
import dev.shop.admin.persistence.AuditEntryRepository;
import dev.shop.contracts.admin.AuditRecorded;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The append-only, hash-chained audit log. An append reads the chain's last entry, links the new entry to it (next
 * {@code seq}, its hash as {@code prevHash}) and inserts it together with its {@code AuditRecorded} event. The unique
 * index on {@code seq} lets exactly one writer take each position: a writer that lost the race (another instance, or
 * another request of this one) re-reads the last entry and links again. No counter document and no
 * {@code findOneAndUpdate} are involved, so the chain stays one line with any number of instances writing.
 * <p>
 * Entries made from another service's event carry an id derived from the event id; a redelivered event finds its
 * entry already there and adds nothing.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditEntryRepository entries;
    private final AggregateStore<AuditEntry, AuditEntryDocument> store;
    private final AdminIndexes indexes;
    private final int attempts;

    public AuditLog(AuditEntryRepository entries, AggregateStores stores, AdminIndexes indexes, AdminConfig config) {
        this.entries = entries;
        this.store = stores.of(entries, AuditEntryMapper.INSTANCE);
        this.indexes = indexes;
        this.attempts = Math.max(1, config.audit().appendAttempts());
    }

    /** Appends one entry at the end of the chain and publishes it. */
    public Uni<AuditEntry> append(AuditDraft draft) {
        return indexes.ready().flatMap(ready -> attempt(draft, 1));
    }

    public Uni<Page<AuditEntry>> search(AuditCriteria criteria, PageRequest page) {
        return entries.search(criteria, page);
    }

    public Uni<java.util.Optional<AuditEntry>> entry(String id) {
        return entries.entry(id);
    }

    /** Matching entries in chain order, streamed. */
    public Multi<AuditEntry> export(AuditCriteria criteria) {
        return entries.stream(criteria);
    }

    /** Reads the whole chain in order and checks every link. */
    public Uni<ChainVerification.Result> verify() {
        ChainVerification verification = new ChainVerification();
        return entries.stream(AuditCriteria.ALL)
                .onItem().invoke(verification::accept)
                .collect().last()
                .map(ignored -> verification.result());
    }

    private Uni<AuditEntry> attempt(AuditDraft draft, int attempt) {
        String id = draft.id() != null ? draft.id() : new ObjectId().toHexString();
        return entries.tip()
                .flatMap(tip -> {
                    AuditEntry entry = AuditChain.link(draft, id, tip.orElse(AuditChain.Tip.EMPTY), Instant.now());
                    return store.insert(entry, List.of(recorded(entry)));
                })
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(conflict -> draft.id() == null
                        ? retry(draft, attempt)
                        : entries.entry(draft.id()).flatMap(existing -> existing.isPresent()
                                ? Uni.createFrom().item(existing.get())
                                : retry(draft, attempt)));
    }

    private Uni<AuditEntry> retry(AuditDraft draft, int attempt) {
        if (attempt >= attempts) {
            Log.errorf("Audit entry %s on %s/%s not appended after %d attempts", draft.action(), draft.targetType(),
                    draft.targetId(), attempt);
            return Uni.createFrom().failure(ProblemException.unavailable("The audit log is too busy; try again"));
        }
        // A short random pause spreads the writers that lost the same position, so they do not collide again.
        Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, 3 + 2L * Math.min(attempt, 25)));
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                .flatMap(ignored -> attempt(draft, attempt + 1));
    }

    /** The event of an entry: the same fields, with the stored JSON values as JSON. */
    static AuditRecorded recorded(AuditEntry e) {
        return new AuditRecorded(e.id(), e.seq(), e.at(), e.kind(), e.actorId(), e.actorPhone(), e.action(),
                e.targetType(), e.targetId(), tree(e.before()), tree(e.after()), tree(e.request()), e.requestId(),
                e.clientAddress(), e.outcome(), e.status(), e.detail(), e.source(), e.sourceEventId(), e.prevHash(),
                e.hash());
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit values are stored as canonical JSON", e);
        }
    }
}
