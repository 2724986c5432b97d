package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.app.KitTestResource;
import dev.shop.kit.app.Widget;
import dev.shop.kit.app.WidgetCounter;
import dev.shop.kit.app.WidgetRepository;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OutboxAndConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WidgetRepository widgets;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    WidgetCounter counter;
    @Inject
    IdempotentConsumer idempotentConsumer;

    TopicProbe probe;

    @BeforeEach
    void openProbe() {
        probe = TopicProbe.open(KitTestResource.TOPIC);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void aWriteIsPublishedWithItsKeyAndRequestIdThenLeavesTheOutbox() {
        String id = given().contentType(ContentType.JSON).header("X-Request-Id", "outbox-write-0001")
                .body("{\"name\":\"w-" + new ObjectId().toHexString().substring(14) + "\",\"quantity\":3}")
                .when().post("/kit-test/widgets")
                .then().statusCode(201)
                .extract().path("id");

        ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()), 1, WAIT).get(0);

        var envelope = EventJson.read(record.value());
        assertThat(envelope.type()).isEqualTo("WidgetCreated");
        assertThat(envelope.source()).isEqualTo("kit-test");
        assertThat(envelope.aggregateId()).isEqualTo(id);
        assertThat(envelope.correlationId()).isEqualTo("outbox-write-0001");
        assertThat(envelope.data().get("quantity").asInt()).isEqualTo(3);
        assertThat(new String(record.headers().lastHeader("x-request-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("outbox-write-0001");
        awaitCount(id, 1);
        assertThat(storedOutbox(new ObjectId(id))).isEmpty();
    }

    @Test
    void anEventLeftByACrashBeforePublishIsDeliveredByTheSweepExactlyOnce() {
        // The write committed but the process died before the relay ran: nobody calls publishSoon.
        Widget widget = newWidget("crashed-before-publish");
        widgets.persist(widget).await().indefinitely();
        String id = widget.id.toHexString();

        probe.await(r -> id.equals(r.key()), 1, WAIT);
        awaitCount(id, 1);
        assertThat(storedOutbox(widget.id)).isEmpty();

        // The relay published but died before removing the event: the same event is pending again.
        OutboxEvent again = widget.outbox.get(0);
        widgets.mongoCollection().updateOne(Filters.eq("_id", widget.id), outbox.append(again))
                .await().indefinitely();

        List<ConsumerRecord<String, String>> deliveries = probe.await(r -> id.equals(r.key()), 2, WAIT);
        assertThat(deliveries).extracting(r -> EventJson.read(r.value()).eventId().toString())
                .containsOnly(again.getEventId());
        awaitProcessed(again.getEventId());
        assertThat(counter.count(id).await().indefinitely()).isEqualTo(1);
        assertThat(storedOutbox(widget.id)).isEmpty();
    }

    @Test
    void eventsOfOneAggregateArriveInOrder() {
        Widget widget = newWidget("ordered");
        for (int i = 2; i <= 5; i++) {
            widget.outbox.add(outbox.event(KitTestResource.TOPIC, "WidgetChanged", 1, widget.id.toHexString(),
                    Map.of("step", i)));
        }
        widgets.persist(widget).await().indefinitely();
        relay.publishSoon("widgets", widget.id);

        List<ConsumerRecord<String, String>> records = probe.await(r -> widget.id.toHexString().equals(r.key()), 5,
                WAIT);

        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(EventJson.read(r.value()).eventId().toString()));
        assertThat(ids).containsExactlyElementsOf(widget.outbox.stream().map(OutboxEvent::getEventId).toList());
    }

    @Test
    void aDocumentLeasedByAnotherRelayIsLeftAloneUntilTheLeaseExpires() throws Exception {
        Widget widget = newWidget("leased");
        OutboxEvent event = widget.outbox.get(0);
        // Another relay instance holds the lease on this document.
        Document raw = new Document("_id", widget.id).append("name", widget.name).append("quantity", 1)
                .append("outboxLease", new Date(System.currentTimeMillis() + 60_000))
                .append("outbox", List.of(new Document("eventId", event.getEventId()).append("topic", event.getTopic())
                        .append("key", event.getKey()).append("type", event.getType())
                        .append("envelope", event.getEnvelope()).append("createdAt", event.getCreatedAt())));
        widgets.mongoDatabase().getCollection("widgets").insertOne(raw).await().indefinitely();

        assertThat(relay.publish("widgets", widget.id).await().indefinitely()).isZero();
        // Two sweeps pass and leave it alone.
        await().during(Duration.ofMillis(2_500)).atMost(WAIT)
                .until(() -> widgets.findById(widget.id).await().indefinitely().outbox.size() == 1);

        // The other instance died; its lease runs out and this instance takes over.
        widgets.mongoCollection().updateOne(Filters.eq("_id", widget.id),
                Updates.set("outboxLease", new Date(System.currentTimeMillis() - 1))).await().indefinitely();

        probe.await(r -> widget.id.toHexString().equals(r.key()), 1, WAIT);
        assertThat(storedOutbox(widget.id)).isEmpty();
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String aggregate = new ObjectId().toHexString();
        String value = EventJson.write(EventJson.wrap("WidgetCreated", 1, "test", aggregate, null, Map.of()));

        send(aggregate, value);
        send(aggregate, value);
        String eventId = EventJson.read(value).eventId().toString();

        awaitProcessed(eventId);
        probe.await(r -> aggregate.equals(r.key()), 2, WAIT);
        await().during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> counter.count(aggregate).await().indefinitely() == 1);
    }

    @Test
    void aFailingOrMalformedEventGoesToTheDeadLetterTopicAndTheNextIsProcessed() throws Exception {
        String dlq = Topics.deadLetter("kit-test", "widget-events");
        ShopTestResources.kafka().createTopics(List.of(dlq));
        try (TopicProbe deadLetters = TopicProbe.open(dlq)) {
            String aggregate = new ObjectId().toHexString();
            String poison = EventJson.write(EventJson.wrap("Poison", 1, "test", aggregate, null, Map.of()));
            String good = EventJson.write(EventJson.wrap("WidgetCreated", 1, "test", aggregate, null, Map.of()));

            send(aggregate, poison);
            send(aggregate, "this is not an event");
            send(aggregate, good);

            List<ConsumerRecord<String, String>> dead = deadLetters.await(r -> aggregate.equals(r.key()), 2, WAIT);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(poison, "this is not an event");
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).satisfiesExactly(
                            reason -> assertThat(reason).contains("cannot process"),
                            reason -> assertThat(reason).contains("not an event envelope"));
            awaitCount(aggregate, 1);
            assertThat(idempotentConsumer.hasProcessed(WidgetCounter.CONSUMER,
                    EventJson.read(poison).eventId().toString()).await().indefinitely()).isFalse();
        }
    }

    @Test
    void anEventTheBrokerKeepsRefusingIsMovedAsideAndTheDocumentsLaterEventsGoOut() {
        Widget widget = newWidget("refused");
        String id = widget.id.toHexString();
        // Larger than the producer's max.request.size: Kafka refuses it every time.
        OutboxEvent tooLarge = outbox.event(KitTestResource.TOPIC, "WidgetHuge", 1, id,
                Map.of("blob", "x".repeat(1_100_000)));
        OutboxEvent later = outbox.event(KitTestResource.TOPIC, "WidgetChanged", 1, id, Map.of("step", 3));
        widget.outbox.clear();
        widget.outbox.add(tooLarge);
        widget.outbox.add(later);
        widgets.persist(widget).await().indefinitely();

        ConsumerRecord<String, String> published = probe.await(r -> id.equals(r.key()), 1, WAIT).get(0);

        assertThat(EventJson.read(published.value()).eventId().toString()).isEqualTo(later.getEventId());
        assertThat(storedOutbox(widget.id)).isEmpty();
        Document stored = widgets.mongoDatabase().getCollection("widgets").find(Filters.eq("_id", widget.id))
                .collect().first().await().indefinitely();
        List<Document> parked = stored.getList("outboxParked", Document.class);
        assertThat(parked).singleElement().satisfies(p -> {
            assertThat(p.getString("eventId")).isEqualTo(tooLarge.getEventId());
            assertThat(p.getInteger("attempts")).isEqualTo(3);
            assertThat(p.getString("lastError")).contains("RecordTooLarge");
        });
        assertThat(stored).doesNotContainKeys("outboxLease", "outboxLeaseToken");
        given().auth().oauth2(dev.shop.testkit.TestTokens.admin("ops-1")).when().get("/internal/outbox/parked")
                .then().statusCode(200)
                .body("eventId", org.hamcrest.Matchers.hasItem(tooLarge.getEventId()))
                .body("find { it.eventId == '" + tooLarge.getEventId() + "' }.collection",
                        org.hamcrest.Matchers.equalTo("widgets"));
        assertThat(probe.drain(Duration.ofSeconds(1))).filteredOn(r -> id.equals(r.key())).hasSize(1);
    }

    private Widget newWidget(String prefix) {
        Widget widget = new Widget();
        widget.id = new ObjectId();
        widget.name = prefix + "-" + widget.id.toHexString().substring(16);
        widget.quantity = 1;
        widget.outbox.add(outbox.event(KitTestResource.TOPIC, "WidgetCreated", 1, widget.id.toHexString(),
                Map.of("step", 1)));
        return widget;
    }

    /** The document's pending events once they are gone, or as they are when the wait runs out. */
    private List<OutboxEvent> storedOutbox(ObjectId id) {
        try {
            await().atMost(WAIT).until(() -> widgets.findById(id).await().indefinitely().outbox.isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller's assertion shows what is left
        }
        return widgets.findById(id).await().indefinitely().outbox;
    }

    private void awaitCount(String aggregateId, int expected) {
        await().atMost(WAIT).until(() -> counter.count(aggregateId).await().indefinitely() >= expected);
        assertThat(counter.count(aggregateId).await().indefinitely()).isEqualTo(expected);
    }

    private void awaitProcessed(String eventId) {
        await().atMost(WAIT).until(
                () -> idempotentConsumer.hasProcessed(WidgetCounter.CONSUMER, eventId).await().indefinitely());
    }

    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(KitTestResource.TOPIC, key, value)).get();
        }
    }

}
