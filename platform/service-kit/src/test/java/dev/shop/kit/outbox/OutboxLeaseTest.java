package dev.shop.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.kit.app.KitTestResource;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A relay only ever frees or renews its own lease, so two relays never publish from one document at once. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OutboxLeaseTest {

    @Inject
    OutboxRelay relay;
    @Inject
    Outbox outbox;
    @Inject
    ReactiveMongoClient mongo;
    @Inject
    OutboxConfig config;

    @Test
    void aRelayWhoseLeaseWasTakenOverRemovesWhatItSentButLeavesTheNewHoldersLease() {
        ObjectId id = new ObjectId();
        OutboxEvent sent = outbox.event(KitTestResource.TOPIC, "WidgetCreated", 1, id.toHexString(), Map.of());
        OutboxEvent notYet = outbox.event(KitTestResource.TOPIC, "WidgetChanged", 1, id.toHexString(), Map.of());
        Date theirs = new Date(System.currentTimeMillis() + 60_000);
        // The first relay's lease ran out while it waited; a second relay holds the document now.
        widgets().insertOne(new Document("_id", id).append("name", "taken-over-" + id)
                .append("outbox", List.of(raw(sent), raw(notYet)))
                .append(OutboxRelay.LEASE, theirs).append(OutboxRelay.LEASE_TOKEN, "second-relay"))
                .await().indefinitely();

        int removed = relay.release(widgets(), id, "first-relay", List.of(sent.getEventId())).await().indefinitely();

        Document stored = widgets().find(Filters.eq("_id", id)).collect().first().await().indefinitely();
        assertThat(removed).isEqualTo(1);
        assertThat(stored.getList("outbox", Document.class)).extracting(d -> d.getString("eventId"))
                .containsExactly(notYet.getEventId());
        assertThat(stored.getString(OutboxRelay.LEASE_TOKEN)).isEqualTo("second-relay");
        assertThat(stored.getDate(OutboxRelay.LEASE)).isEqualTo(theirs);
        // And the first relay cannot publish from it while the second holds it.
        assertThat(relay.publish("widgets", id).await().indefinitely()).isZero();
    }

    @Test
    void theLeaseOutlastsTheLongestWaitForAnAcknowledgement() {
        assertThat(config.lease()).isGreaterThanOrEqualTo(config.ackTimeout().multipliedBy(2));
    }

    private ReactiveMongoCollection<Document> widgets() {
        return mongo.getDatabase("kit_test").getCollection("widgets");
    }

    private static Document raw(OutboxEvent e) {
        return new Document("eventId", e.getEventId()).append("topic", e.getTopic()).append("key", e.getKey())
                .append("type", e.getType()).append("envelope", e.getEnvelope()).append("createdAt", e.getCreatedAt());
    }
}
