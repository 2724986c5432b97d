package dev.shop.kit.app;

import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** An aggregate of the test application, stored with its pending events like a service's aggregates are. */
@MongoEntity(collection = "widgets")
public class Widget {
    public ObjectId id;
    public String name;
    public int quantity;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
