package dev.shop.admin.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.shop.admin.domain.Alert;
import dev.shop.admin.domain.AlertKind;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AlertRepository implements ReactivePanacheMongoRepositoryBase<AlertDocument, String> {

    /** Alerts with the given status and kind (either may be null), newest first. */
    public Uni<Page<Alert>> search(Alert.Status status, AlertKind kind, PageRequest page) {
        List<Bson> parts = new ArrayList<>();
        if (status != null) {
            parts.add(Filters.eq("status", status.name()));
        }
        if (kind != null) {
            parts.add(Filters.eq("kind", kind.name()));
        }
        Bson filter = parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        return mongoCollection().countDocuments(filter).flatMap(total -> mongoCollection()
                .find(filter, new FindOptions().sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id")))
                        .skip(page.offset()).limit(page.size()))
                .map(AlertMapper.INSTANCE::toDomain)
                .collect().asList()
                .map(items -> Page.of(items, page, total)));
    }
}
