package dev.shop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.kit.app.WidgetRepository;
import dev.shop.kit.outbox.OutboxBacklog;
import dev.shop.testkit.ShopTestResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OutboxBacklogTest {

    @Inject
    OutboxBacklog backlog;
    @Inject
    WidgetRepository widgets;
    @Inject
    MeterRegistry registry;

    @Test
    void anEventThatCannotBePublishedShowsAsBacklogWithItsAgeUntilItLeaves() {
        ObjectId id = new ObjectId();
        // Another relay instance holds this document's lease, so the event stays unpublished for now.
        Document stuck = new Document("_id", id).append("name", "stuck-" + id.toHexString().substring(16))
                .append("quantity", 1)
                .append("outboxLease", new Date(System.currentTimeMillis() + 600_000))
                .append("outbox", List.of(new Document("eventId", "backlog-" + id.toHexString())
                        .append("topic", "kit.test.widgets.v1").append("key", id.toHexString())
                        .append("type", "WidgetCreated").append("envelope", "{}")
                        .append("createdAt", new Date(System.currentTimeMillis() - 900_000))));
        widgets.mongoDatabase().getCollection("widgets").insertOne(stuck).await().indefinitely();
        try {
            backlog.refresh().await().indefinitely();

            assertThat(gauge("shop.outbox.pending.events", "widgets")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("shop.outbox.oldest.pending.seconds", "widgets")).isBetween(900.0, 1_000.0);
            assertThat(gauge("shop.outbox.oldest.pending.seconds", "tallies")).isLessThan(900.0);
        } finally {
            widgets.mongoCollection().deleteOne(Filters.eq("_id", id)).await().indefinitely();
        }

        backlog.refresh().await().indefinitely();
        assertThat(gauge("shop.outbox.oldest.pending.seconds", "widgets")).isLessThan(900.0);
    }

    /** The gauge as the Prometheus endpoint exports it (shop_outbox_..._seconds{collection=...}). */
    private double gauge(String name, String collection) {
        Gauge gauge = registry.find(name).tag("collection", collection).gauge();
        assertThat(gauge).as("gauge %s{collection=%s}", name, collection).isNotNull();
        return gauge.value();
    }
}
