package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.shop.admin.domain.UserCriteria;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads of the user directory. */
@ApplicationScoped
public class UserDirectoryRepository implements ReactivePanacheMongoRepositoryBase<UserEntryDocument, String> {

    /** Matching accounts, newest first. Text is matched literally (regex metacharacters are quoted). */
    public Uni<Page<UserEntryDocument>> search(UserCriteria criteria, PageRequest page) {
        List<Bson> parts = new ArrayList<>();
        if (criteria.text() != null) {
            String literal = Pattern.quote(criteria.text());
            parts.add(Filters.or(Filters.regex("phoneNumber", literal), Filters.regex("fullName", literal, "i"),
                    Filters.regex("username", literal, "i")));
        }
        if (criteria.role() != null) {
            parts.add(Filters.eq("roles", criteria.role()));
        }
        if (criteria.status() != null) {
            parts.add(Filters.eq("status", criteria.status()));
        }
        Bson filter = parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        return mongoCollection().countDocuments(filter).flatMap(total -> mongoCollection()
                .find(filter, new FindOptions().sort(Sorts.orderBy(Sorts.descending("registeredAt"), Sorts.ascending("_id")))
                        .skip(page.offset()).limit(page.size()))
                .collect().asList()
                .map(items -> Page.of(items, page, total)));
    }

    /** Accounts registered in {@code [from, to)}, counted per day ({@code registeredDay}). */
    public Uni<List<Document>> registeredPerDay(Instant from, Instant to) {
        return mongoCollection().aggregate(List.of(
                Aggregates.match(Filters.and(Filters.gte("registeredAt", Date.from(from)),
                        Filters.lt("registeredAt", Date.from(to)))),
                Aggregates.group("$registeredDay", Accumulators.sum("users", 1))),
                Document.class)
                .collect().asList();
    }
}
