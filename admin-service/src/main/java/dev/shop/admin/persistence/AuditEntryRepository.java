package dev.shop.admin.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.shop.admin.domain.AuditChain;
import dev.shop.admin.domain.AuditCriteria;
import dev.shop.admin.domain.AuditEntry;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reads of the audit log. Entries are only ever inserted (through the aggregate store), never updated or deleted. */
@ApplicationScoped
public class AuditEntryRepository implements ReactivePanacheMongoRepositoryBase<AuditEntryDocument, String> {

    /** The last entry of the chain, if there is one. */
    public Uni<Optional<AuditChain.Tip>> tip() {
        return mongoCollection().find(Filters.empty(), new FindOptions().sort(Sorts.descending("seq")).limit(1))
                .collect().first()
                .map(doc -> Optional.ofNullable(doc).map(d -> new AuditChain.Tip(d.seq, d.hash)));
    }

    public Uni<Optional<AuditEntry>> entry(String id) {
        return findByIdOptional(id).map(found -> found.map(AuditEntryMapper.INSTANCE::toDomain));
    }

    /** Matching entries, newest first. */
    public Uni<Page<AuditEntry>> search(AuditCriteria criteria, PageRequest page) {
        Bson filter = filter(criteria);
        return mongoCollection().countDocuments(filter).flatMap(total -> mongoCollection()
                .find(filter, new FindOptions().sort(Sorts.descending("seq")).skip(page.offset()).limit(page.size()))
                .map(AuditEntryMapper.INSTANCE::toDomain)
                .collect().asList()
                .map(items -> Page.of(items, page, total)));
    }

    /** Matching entries in chain order, streamed from the database. */
    public Multi<AuditEntry> stream(AuditCriteria criteria) {
        return mongoCollection().find(filter(criteria), new FindOptions().sort(Sorts.ascending("seq")))
                .map(AuditEntryMapper.INSTANCE::toDomain);
    }

    static Bson filter(AuditCriteria c) {
        List<Bson> parts = new ArrayList<>();
        if (c.actor() != null) {
            parts.add(Filters.or(Filters.eq("actorId", c.actor()), Filters.eq("actorPhone", c.actor())));
        }
        if (c.action() != null) {
            parts.add(c.actionIsPrefix()
                    ? Filters.regex("action", "^" + Pattern.quote(c.action()))
                    : Filters.eq("action", c.action()));
        }
        if (c.target() != null) {
            parts.add(Filters.eq("targetId", c.target()));
        }
        if (c.outcome() != null) {
            parts.add(Filters.eq("outcome", c.outcome()));
        }
        if (c.from() != null) {
            parts.add(Filters.gte("at", java.util.Date.from(c.from())));
        }
        if (c.to() != null) {
            parts.add(Filters.lt("at", java.util.Date.from(c.to())));
        }
        return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
    }
}
