package dev.shop.admin.persistence;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The collections of the read models, by name: the live ones the API reads, and the shadow ones a replay fills before
 * it swaps them in with one rename.
 */
@ApplicationScoped
public class ReadModelCollections {

    public static final String USERS = "user_directory";
    public static final String ORDERS = "order_index";
    public static final String PRODUCTS = "product_summary";

    /** The query indexes of each read model (non-unique: they only make reads fast). */
    private static final Map<String, List<Bson>> INDEXES = Map.of(
            USERS, List.of(Indexes.descending("registeredAt"), Indexes.ascending("status"),
                    Indexes.ascending("roles"), Indexes.ascending("phoneNumber")),
            ORDERS, List.of(Indexes.descending("placedAt"), Indexes.ascending("userId"),
                    Indexes.ascending("number"), Indexes.ascending("status")),
            PRODUCTS, List.of(Indexes.ascending("stock"), Indexes.ascending("sku")));

    private final ReactiveMongoClient mongo;
    private final String databaseName;

    public ReadModelCollections(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String databaseName) {
        this.mongo = mongo;
        this.databaseName = databaseName;
    }

    public ReactiveMongoCollection<Document> collection(String name) {
        return database().getCollection(name);
    }

    /** Creates the query indexes of read model {@code model} on collection {@code name}. */
    public Uni<Void> createIndexes(String model, String name) {
        ReactiveMongoCollection<Document> target = collection(name);
        return Multi.createFrom().iterable(INDEXES.getOrDefault(model, List.of()))
                .onItem().transformToUniAndConcatenate(keys -> target.createIndex(keys, new IndexOptions()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Drops the collection if it exists. */
    public Uni<Void> drop(String name) {
        return database().listCollectionNames().collect().asList()
                .flatMap(names -> names.contains(name) ? collection(name).drop() : Uni.createFrom().voidItem());
    }

    /** Replaces collection {@code live} by {@code shadow} in one step. */
    public Uni<Void> swap(String shadow, String live) {
        return collection(shadow).renameCollection(new MongoNamespace(databaseName, live),
                new RenameCollectionOptions().dropTarget(true));
    }

    public static List<String> names() {
        return List.of(USERS, ORDERS, PRODUCTS);
    }

    private ReactiveMongoDatabase database() {
        return mongo.getDatabase(databaseName);
    }
}
