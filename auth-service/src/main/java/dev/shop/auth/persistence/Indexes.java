package dev.shop.auth.persistence;

import org.bson.conversions.Bson;

import com.mongodb.client.model.IndexOptions;

import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;

/** Index creation that never holds up the boot: a slow or absent database is reported, not waited for. */
final class Indexes {

    private Indexes() {
    }

    static void create(ReactiveMongoCollection<?> collection, Bson keys, IndexOptions options) {
        collection.createIndex(keys, options).subscribe().with(
                name -> Log.debugf("Index %s on %s ready", name, collection.getNamespace()),
                failure -> Log.warnf("Could not create index on %s: %s", collection.getNamespace(),
                        failure.getMessage()));
    }
}
