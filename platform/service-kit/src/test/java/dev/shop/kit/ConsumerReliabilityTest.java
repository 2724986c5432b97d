package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.aggregate.IllegalTransitionException;
import dev.shop.kit.app.KitTestResource;
import dev.shop.kit.app.WidgetCounter;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.kit.messaging.MessagingConfig;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Consumers that ride out failures and never apply an event twice: claims, retries with backoff, dead letters with
 * their reason, and the dead-letter endpoint (retries are short in this application: 50 ms doubling to 200 ms, for 3 s;
 * claims last 2 s).
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ConsumerReliabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DLQ = Topics.deadLetter("kit-test", "widget-events");

    @Inject
    IdempotentConsumer consumer;
    @Inject
    ReactiveMongoClient mongo;
    @Inject
    MessagingConfig config;
    @Inject
    MongoClient syncMongo;
    @Inject
    WidgetCounter counter;

    @BeforeAll
    static void deadLetterTopic() {
        ShopTestResources.kafka().createTopics(List.of(DLQ));
    }

    @AfterEach
    void dependencyUp() {
        WidgetCounter.DEPENDENCY_DOWN.set(false);
    }

    @Test
    void oneEventDeliveredConcurrentlyToTwoConsumerInstancesIsAppliedOnce() {
        // A second instance of the service, e.g. the new owner of the partition after a rebalance.
        IdempotentConsumer other = new IdempotentConsumer(mongo, "kit_test", config);
        for (int round = 0; round < 5; round++) {
            EventEnvelope event = event("Counted");
            AtomicInteger applied = new AtomicInteger();
            // Not idempotent by itself, and slow enough that both deliveries are inside the effect at once.
            java.util.function.Function<EventEnvelope, Uni<Void>> effect = e -> Uni.createFrom().voidItem()
                    .onItem().delayIt().by(Duration.ofMillis(150))
                    .invoke(applied::incrementAndGet);

            List<Boolean> results = Uni.join().all(
                    consumer.consume("concurrent", event, effect),
                    other.consume("concurrent", event, effect)).andFailFast().await().atMost(WAIT);

            assertThat(applied.get()).isEqualTo(1);
            assertThat(results).containsExactlyInAnyOrder(true, false);
            assertThat(consumer.hasProcessed("concurrent", event.eventId().toString()).await().indefinitely())
                    .isTrue();
        }
    }

    @Test
    void aFailedEffectReleasesItsClaimAndTheRetryAppliesIt() {
        EventEnvelope event = event("Counted");
        AtomicInteger attempts = new AtomicInteger();

        boolean ran = consumer.consume("flaky", event, e -> attempts.incrementAndGet() < 3
                ? Uni.createFrom().failure(new IllegalStateException("database restarting"))
                : Uni.createFrom().voidItem()).await().atMost(WAIT);

        assertThat(ran).isTrue();
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(consumer.hasProcessed("flaky", event.eventId().toString()).await().indefinitely()).isTrue();
    }

    @Test
    void aFailureThatOutlastsTheRetriesPropagatesAndLeavesNoClaimBehind() {
        EventEnvelope event = event("Counted");
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> consumer.consume("down", event, e -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("still down"));
        }).await().atMost(WAIT)).hasMessageContaining("still down");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(config.retry().giveUpAfter().minusMillis(500));
        assertThat(attempts.get()).isGreaterThan(5);
        assertThat(marker("down", event)).isNull();
    }

    @Test
    void aFailureNoRetryCanMendIsNotRetried() {
        EventEnvelope event = event("Counted");
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> consumer.consume("illegal", event, e -> {
            attempts.incrementAndGet();
            throw new IllegalTransitionException("order", "o-1", "SHIPPED", "PENDING");
        }).await().atMost(WAIT)).isInstanceOf(IllegalTransitionException.class);

        assertThat(attempts.get()).isEqualTo(1);
        assertThat(marker("illegal", event)).isNull();
    }

    @Test
    void aClaimLeftByACrashedDeliveryIsTakenOverOnceItsLeaseRunsOut() {
        EventEnvelope event = event("Counted");
        // The delivery that claimed the event died before finishing; its lease has run out.
        syncMongo.getDatabase("kit_test").getCollection("processed_events").insertOne(
                new Document("_id", "crashed:" + event.eventId()).append("state", "IN_PROGRESS")
                        .append("token", "dead-instance").append("leaseUntil", new Date(System.currentTimeMillis() - 1)));

        boolean ran = consumer.consume("crashed", event, e -> Uni.createFrom().voidItem()).await().atMost(WAIT);

        assertThat(ran).isTrue();
        assertThat(marker("crashed", event).getString("state")).isEqualTo("DONE");
    }

    @Test
    void aDeliveryWaitsForTheClaimOfAnotherAndSkipsTheEventOnceThatIsDone() {
        EventEnvelope event = event("Counted");
        syncMongo.getDatabase("kit_test").getCollection("processed_events").insertOne(
                new Document("_id", "waits:" + event.eventId()).append("state", "IN_PROGRESS")
                        .append("token", "other-instance")
                        .append("leaseUntil", new Date(System.currentTimeMillis() + 60_000)));
        AtomicInteger applied = new AtomicInteger();

        var pending = consumer.consume("waits", event, e -> {
            applied.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).subscribeAsCompletionStage();
        // The other instance finishes its effect and marks the event done.
        syncMongo.getDatabase("kit_test").getCollection("processed_events").updateOne(
                Filters.eq("_id", "waits:" + event.eventId()),
                new Document("$set", new Document("state", "DONE").append("processedAt", new Date())));

        assertThat(pending.toCompletableFuture().join()).isFalse();
        assertThat(applied.get()).isZero();
    }

    @Test
    void aDeadLetterCarriesItsReasonAndIsReplayedOnceWhenTheDependencyIsBack() throws Exception {
        String aggregate = new ObjectId().toHexString();
        String flaky = EventJson.write(EventJson.wrap("Flaky", 1, "test", aggregate, null, Map.of()));
        String admin = TestTokens.admin("ops-1");
        WidgetCounter.DEPENDENCY_DOWN.set(true);

        try (TopicProbe deadLetters = TopicProbe.open(DLQ); TopicProbe original = TopicProbe.open(KitTestResource.TOPIC)) {
            send(aggregate, flaky);
            ConsumerRecord<String, String> dead = deadLetters.await(r -> aggregate.equals(r.key()), 1, WAIT).get(0);
            assertThat(dead.value()).isEqualTo(flaky);
            assertThat(header(dead, "dead-letter-reason")).contains("dependency down");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(KitTestResource.TOPIC);
            assertThat(counter.count(aggregate).await().indefinitely()).isZero();

            given().auth().oauth2(admin).when().get("/internal/dead-letters")
                    .then().statusCode(200)
                    .body("find { it.channel == 'widget-events' }.topic", org.hamcrest.Matchers.equalTo(DLQ))
                    .body("find { it.channel == 'widget-events' }.pending",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            given().auth().oauth2(admin).queryParam("limit", 1000).when().get("/internal/dead-letters/widget-events")
                    .then().statusCode(200)
                    .body("find { it.key == '" + aggregate + "' }.reason",
                            org.hamcrest.Matchers.containsString("dependency down"))
                    .body("find { it.key == '" + aggregate + "' }.replayed", org.hamcrest.Matchers.equalTo(false));

            WidgetCounter.DEPENDENCY_DOWN.set(false);
            int replayed = given().auth().oauth2(admin).when().post("/internal/dead-letters/widget-events/replay")
                    .then().statusCode(200).extract().path("replayed");
            assertThat(replayed).isGreaterThanOrEqualTo(1);

            ConsumerRecord<String, String> again = original.await(r -> aggregate.equals(r.key()), 2, WAIT).get(1);
            assertThat(again.value()).isEqualTo(flaky);
            assertThat(header(again, "dead-letter-replayed-from")).startsWith(DLQ + "/");
            await().atMost(WAIT).until(() -> counter.count(aggregate).await().indefinitely() == 1);

            given().auth().oauth2(admin).when().post("/internal/dead-letters/widget-events/replay")
                    .then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(0));
            given().auth().oauth2(admin).queryParam("limit", 1000).when().get("/internal/dead-letters/widget-events")
                    .then().statusCode(200)
                    .body("find { it.key == '" + aggregate + "' }.replayed", org.hamcrest.Matchers.equalTo(true));
            await().during(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> counter.count(aggregate).await().indefinitely() == 1);
        }
    }

    @Test
    void theDeadLetterEndpointIsForAdminsOnly() {
        given().when().get("/internal/dead-letters").then().statusCode(401);
        given().auth().oauth2(TestTokens.customer("c-1")).when().get("/internal/dead-letters").then().statusCode(403);
        given().auth().oauth2(TestTokens.customer("c-1")).when().post("/internal/dead-letters/widget-events/replay")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("ops-1")).when().get("/internal/dead-letters/no-such-channel")
                .then().statusCode(404);
    }

    private Document marker(String consumerName, EventEnvelope event) {
        return syncMongo.getDatabase("kit_test").getCollection("processed_events")
                .find(Filters.eq("_id", consumerName + ":" + event.eventId())).first();
    }

    private static EventEnvelope event(String type) {
        return EventJson.wrap(type, 1, "test", new ObjectId().toHexString(), null, Map.of());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ShopTestResources.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(KitTestResource.TOPIC, key, value)).get();
        }
    }
}
