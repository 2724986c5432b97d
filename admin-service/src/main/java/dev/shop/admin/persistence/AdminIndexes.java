package dev.shop.admin.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.shop.kit.mongo.IndexCreation;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The service's indexes. The unique index on the audit log's {@code seq} is what keeps the hash chain linear when
 * several instances append at once, so appends wait for {@link #ready()}. Creation starts on boot without holding it up
 * (an absent database must not block startup) and is retried by the next caller if it failed.
 */
@ApplicationScoped
public class AdminIndexes {

    private final ReactiveMongoClient mongo;
    private final String database;
    private final ReadModelCollections readModels;
    private final IndexCreation indexes = new IndexCreation("admin", this::create);

    public AdminIndexes(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            ReadModelCollections readModels) {
        this.mongo = mongo;
        this.database = database;
        this.readModels = readModels;
    }

    void onStart(@Observes StartupEvent event) {
        indexes.start();
    }

    /** Completes once every index exists; a failed attempt is retried by the next caller. */
    public Uni<Void> ready() {
        return indexes.ready();
    }

    private List<Uni<?>> create() {
        return List.of(
                collection(AuditEntryDocument.COLLECTION).createIndex(Indexes.ascending("seq"),
                        new IndexOptions().unique(true).name("seq_unique")),
                collection(AuditEntryDocument.COLLECTION).createIndex(Indexes.ascending("actorId"), new IndexOptions()),
                collection(AuditEntryDocument.COLLECTION).createIndex(Indexes.ascending("targetId"), new IndexOptions()),
                collection(AuditEntryDocument.COLLECTION).createIndex(Indexes.ascending("action"), new IndexOptions()),
                collection(AuditEntryDocument.COLLECTION).createIndex(Indexes.ascending("at"), new IndexOptions()),
                collection(AlertDocument.COLLECTION).createIndex(
                        Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("raisedAt")),
                        new IndexOptions()),
                readModels.createIndexes(ReadModelCollections.USERS, ReadModelCollections.USERS),
                readModels.createIndexes(ReadModelCollections.ORDERS, ReadModelCollections.ORDERS),
                readModels.createIndexes(ReadModelCollections.PRODUCTS, ReadModelCollections.PRODUCTS));
    }

    private ReactiveMongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }
}
