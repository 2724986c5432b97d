package dev.shop.kit.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;

import com.mongodb.client.model.IndexOptions;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class WidgetRepository implements ReactivePanacheMongoRepository<Widget> {

    void indexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(new Document("name", 1), new IndexOptions().unique(true)).await().indefinitely();
    }
}
