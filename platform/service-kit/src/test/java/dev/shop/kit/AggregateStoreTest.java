package dev.shop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.aggregate.StaleVersionException;
import dev.shop.kit.app.KitTestResource;
import dev.shop.kit.app.Tally;
import dev.shop.kit.app.TallyDocument;
import dev.shop.kit.app.TallyRepository;
import dev.shop.kit.problem.ProblemException;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AggregateStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TallyRepository tallies;
    @Inject
    AggregateStores stores;
    /** A second, blocking client: it plays the other writer inside a command without blocking the reactive one. */
    @Inject
    MongoClient syncMongo;

    AggregateStore<Tally, TallyDocument> store;
    TopicProbe probe;

    @BeforeEach
    void open() {
        store = tallies.store(stores);
        probe = TopicProbe.open(KitTestResource.TOPIC);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void anInsertStoresTheAggregateAtVersionZeroAndPublishesItsCreation() {
        Tally tally = Tally.open(newId(), "inserted");

        Tally stored = store.insert(tally, List.of(tally.opened())).await().indefinitely();

        assertThat(stored.version()).isZero();
        EventEnvelope opened = EventJson.read(probe.await(r -> tally.id().equals(r.key()), 1, WAIT).get(0).value());
        assertThat(opened.type()).isEqualTo(Tally.TallyOpened.TYPE);
        assertThat(opened.aggregateId()).isEqualTo(tally.id());
        assertThat(opened.data().get("name").asText()).isEqualTo("inserted");
        awaitOutboxEmpty(tally.id());
    }

    @Test
    void concurrentCommandsAllLandAndEachEventIsPublishedExactlyOnce() {
        String id = insert("raced");
        int writers = 20;

        List<Uni<Tally>> adds = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            adds.add(store.modify(id, t -> t.add(1)));
        }
        Uni.join().all(adds).andFailFast().await().atMost(WAIT);

        TallyDocument doc = tallies.findById(id).await().indefinitely();
        assertThat(doc.total).isEqualTo(writers);
        assertThat(doc.version).isEqualTo(writers);
        List<ConsumerRecord<String, String>> added = probe.await(
                r -> id.equals(r.key()) && Tally.TallyAdded.TYPE.equals(EventJson.read(r.value()).type()), writers,
                WAIT);
        List<ConsumerRecord<String, String>> all = probe.drain(Duration.ofSeconds(2)).stream()
                .filter(r -> id.equals(r.key()) && Tally.TallyAdded.TYPE.equals(EventJson.read(r.value()).type()))
                .toList();
        assertThat(all).hasSize(writers);
        assertThat(added).extracting(r -> EventJson.read(r.value()).data().get("total").asLong())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, writers).boxed()
                        .toList());
        awaitOutboxEmpty(id);
    }

    @Test
    void aCommandThatKeepsLosingItsRaceGivesUpWith409AndWritesNothing() {
        String id = insert("always-loses");
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> store.modify(id, t -> {
            runs.incrementAndGet();
            // Someone else writes the document between our read and our write, every time.
            syncMongo.getDatabase("kit_test").getCollection("tallies")
                    .updateOne(Filters.eq("_id", id), Updates.inc("version", 1L));
            return t.add(5);
        }).await().atMost(WAIT))
                .isInstanceOf(StaleVersionException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));

        assertThat(runs.get()).isEqualTo(20);
        TallyDocument doc = tallies.findById(id).await().indefinitely();
        assertThat(doc.total).isZero();
        assertThat(doc.outbox).isEmpty();
        assertThat(probe.drain(Duration.ofSeconds(1))).noneMatch(
                r -> id.equals(r.key()) && Tally.TallyAdded.TYPE.equals(EventJson.read(r.value()).type()));
    }

    @Test
    void aClientHoldingAnOldVersionGetsStaleVersionAtOnceAndTheCommandNeverRuns() {
        String id = insert("stale-client");
        store.modify(id, t -> t.add(1)).await().indefinitely();
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> store.modify(id, 0L, t -> {
            runs.incrementAndGet();
            return t.add(1);
        }).await().atMost(WAIT))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("version 1, not 0");

        assertThat(runs.get()).isZero();
        assertThat(store.modify(id, 1L, t -> t.add(2)).await().indefinitely().total()).isEqualTo(3);
    }

    @Test
    void anIllegalTransitionThrowsAndNothingIsStored() {
        String id = insert("closed");
        store.modify(id, Tally::close).await().indefinitely();

        assertThatThrownBy(() -> store.modify(id, t -> t.add(1)).await().atMost(WAIT))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("closed");

        TallyDocument doc = tallies.findById(id).await().indefinitely();
        assertThat(doc.total).isZero();
        assertThat(doc.version).isEqualTo(1);
    }

    @Test
    void aCommandThatChangesNothingWritesNothing() {
        String id = insert("noop");
        Tally closed = store.modify(id, Tally::close).await().indefinitely();
        assertThat(closed.version()).isEqualTo(1);

        Tally again = store.modify(id, Tally::close).await().indefinitely();

        assertThat(again.version()).isEqualTo(1);
        assertThat(tallies.findById(id).await().indefinitely().version).isEqualTo(1);
    }

    @Test
    void onlyChangedFieldsAreWrittenAndAClearedFieldIsRemoved() {
        String id = insert("fields");
        store.modify(id, t -> {
            t.note("hello");
            return List.of();
        }).await().indefinitely();
        assertThat(raw(id).getString("note")).isEqualTo("hello");

        // A field outside the aggregate (written by someone else) survives a command that does not touch it.
        tallies.mongoCollection().updateOne(Filters.eq("_id", id), Updates.set("outboxLease", null))
                .await().indefinitely();
        store.modify(id, t -> {
            t.note(null);
            return t.add(1);
        }).await().indefinitely();

        Document stored = raw(id);
        assertThat(stored).doesNotContainKey("note");
        assertThat(stored).containsKey("outboxLease");
        assertThat(stored.getLong("total")).isEqualTo(1);
    }

    @Test
    void anUnknownAggregateIs404() {
        assertThatThrownBy(() -> store.modify("no-such-tally", t -> t.add(1)).await().atMost(WAIT))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(404));
        assertThat(store.find("no-such-tally").await().indefinitely()).isEmpty();
    }

    @Test
    void replaceStoresTheStateAFunctionReturnsAndHonoursTheClientsVersion() {
        String id = insert("replaced");

        Tally replaced = store.replace(id, t -> new Tally(t.id(), t.name(), t.total() + 5, t.closed(), "by replace",
                t.version())).await().indefinitely();

        assertThat(replaced.version()).isEqualTo(1);
        TallyDocument doc = tallies.findById(id).await().indefinitely();
        assertThat(doc.total).isEqualTo(5);
        assertThat(doc.note).isEqualTo("by replace");
        assertThat(doc.version).isEqualTo(1);
        assertThatThrownBy(() -> store.replace(id, 0L, t -> t).await().atMost(WAIT))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.replace(id, 1L, t -> t).await().indefinitely().version()).isEqualTo(1);
    }

    @Test
    void aStoreOnAnotherVersionFieldRerunsItsCommandOverAConcurrentAtomicWriteAndStampsEveryWrite() {
        AggregateStore<Tally, TallyDocument> revisions = stores.of(tallies, TallyRepository.MAPPER,
                AggregateStore.Options.defaults().withVersionField("revision").withWriteStamp("touchedAt"));
        Tally tally = Tally.open(newId(), "revisions");
        revisions.insert(tally, List.of()).await().indefinitely();
        assertThat(raw(tally.id()).getLong("revision")).isZero();
        java.util.Date inserted = raw(tally.id()).getDate("touchedAt");
        assertThat(inserted).isNotNull();
        AtomicInteger runs = new AtomicInteger();

        Tally stored = revisions.modify(tally.id(), t -> {
            if (runs.incrementAndGet() == 1) {
                // Someone else's atomic write (like a stock hold) between our read and our write.
                syncMongo.getDatabase("kit_test").getCollection("tallies").updateOne(Filters.eq("_id", tally.id()),
                        Updates.combine(Updates.inc("total", 10L), Updates.inc("revision", 1L)));
            }
            return t.add(1);
        }).await().atMost(WAIT);

        assertThat(runs.get()).isEqualTo(2);
        assertThat(stored.total()).isEqualTo(11);
        Document doc = raw(tally.id());
        assertThat(doc.getLong("total")).isEqualTo(11);
        assertThat(doc.getLong("revision")).isEqualTo(2);
        // version is the aggregate's own field here, and this aggregate never changes it.
        assertThat(doc.getLong("version")).isZero();
        assertThat(doc.getDate("touchedAt")).isAfterOrEqualTo(inserted);
        probe.await(r -> tally.id().equals(r.key()) && Tally.TallyAdded.TYPE.equals(EventJson.read(r.value()).type()),
                1, WAIT);
    }

    @Test
    void aDocumentStoredBeforeItHadAVersionFieldCountsAsVersionZero() {
        String id = newId();
        syncMongo.getDatabase("kit_test").getCollection("tallies").insertOne(new Document("_id", id)
                .append("name", "legacy").append("total", 2L).append("closed", false).append("outbox", List.of()));

        Tally stored = store.modify(id, t -> t.add(1)).await().atMost(WAIT);

        assertThat(stored.total()).isEqualTo(3);
        assertThat(raw(id).getLong("version")).isEqualTo(1);
    }

    private String insert(String name) {
        Tally tally = Tally.open(newId(), name);
        store.insert(tally, List.of()).await().indefinitely();
        return tally.id();
    }

    private Document raw(String id) {
        return tallies.mongoDatabase().getCollection("tallies").find(Filters.eq("_id", id)).collect().first()
                .await().indefinitely();
    }

    private void awaitOutboxEmpty(String id) {
        await().atMost(WAIT).until(() -> tallies.findById(id).await().indefinitely().outbox.isEmpty());
    }

    private static String newId() {
        return "tally-" + new ObjectId().toHexString();
    }
}
