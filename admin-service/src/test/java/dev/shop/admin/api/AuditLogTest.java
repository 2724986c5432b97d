package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.admin.Admins;
import dev.shop.admin.Events;
import dev.shop.admin.application.AuditLog;
import dev.shop.admin.domain.AuditDraft;
import dev.shop.admin.domain.AuditEntry;
import dev.shop.contracts.admin.AuditRecorded;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The audit log is one hash chain: it verifies, an entry changed or removed in the database is named by the check,
 * concurrent writers keep it one valid chain, and it can be searched, exported as CSV and read from Kafka by a SIEM.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AuditLogTest {

    @Inject
    AuditLog log;
    @Inject
    MongoClient mongo;

    Events events;
    Admins admin;

    @BeforeEach
    void setUp() {
        events = new Events();
        admin = Admins.registered(events);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void theChainVerifies() {
        append("test.verify", "t-" + System.nanoTime(), "one");
        append("test.verify", "t-" + System.nanoTime(), "two");

        JsonPath result = verify();

        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("entries")).isGreaterThanOrEqualTo(2);
        assertThat(result.getMap("")).doesNotContainKey("firstBrokenId");
    }

    @Test
    void anEntryAlteredInTheDatabaseFailsVerificationAndIsNamed() {
        AuditEntry victim = append("test.tamper", "t-" + System.nanoTime(), "the truth");
        append("test.tamper", "t-" + System.nanoTime(), "after it");
        try {
            entries().updateOne(Filters.eq("_id", victim.id()), Updates.set("detail", "a convenient lie"));

            JsonPath result = verify();

            assertThat(result.getBoolean("valid")).isFalse();
            assertThat(result.getString("firstBrokenId")).isEqualTo(victim.id());
            assertThat(result.getLong("firstBrokenSeq")).isEqualTo(victim.seq());
            assertThat(result.getString("reason")).isEqualTo("its content no longer matches its hash");
        } finally {
            entries().updateOne(Filters.eq("_id", victim.id()), Updates.set("detail", "the truth"));
        }
        assertThat(verify().getBoolean("valid")).isTrue();
    }

    @Test
    void anEntryRehashedOrRemovedBreaksTheLinkOfTheNextOne() {
        AuditEntry victim = append("test.tamper", "t-" + System.nanoTime(), "original");
        AuditEntry next = append("test.tamper", "t-" + System.nanoTime(), "next");
        Document original = entries().find(Filters.eq("_id", victim.id())).first();
        try {
            entries().updateOne(Filters.eq("_id", victim.id()), Updates.set("hash", "f".repeat(64)));
            assertThat(verify().getString("firstBrokenId")).isEqualTo(victim.id());

            entries().deleteOne(Filters.eq("_id", victim.id()));
            JsonPath result = verify();
            assertThat(result.getBoolean("valid")).isFalse();
            assertThat(result.getString("firstBrokenId")).isEqualTo(next.id());
            assertThat(result.getString("reason")).contains("before it are missing");
        } finally {
            entries().deleteOne(Filters.eq("_id", victim.id()));
            entries().insertOne(original);
        }
        assertThat(verify().getBoolean("valid")).isTrue();
    }

    @Test
    void concurrentWritersKeepOneValidChain() throws Exception {
        String target = "race-" + System.nanoTime();
        int writers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<AuditEntry> written = new ArrayList<>();
        try {
            List<Callable<AuditEntry>> calls = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                calls.add(() -> log.append(draft("test.race", target, "writer " + n)).await().atMost(Duration.ofSeconds(60)));
            }
            for (Future<AuditEntry> f : pool.invokeAll(calls)) {
                written.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> seqs = new HashSet<>();
        written.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize(writers);
        assertThat(admin.auditOf(target)).hasSize(writers);
        JsonPath result = verify();
        assertThat(result.getBoolean("valid")).as(result.prettify()).isTrue();
        long total = entries().countDocuments();
        assertThat(result.getLong("entries")).isGreaterThanOrEqualTo(total - 5).isLessThanOrEqualTo(total + 5);
        assertThat(entries().countDocuments(Filters.exists("seq"))).isEqualTo(entries().distinct("seq", Long.class)
                .into(new ArrayList<>()).size());
    }

    @Test
    void theLogIsSearchableByActorActionTargetOutcomeAndTime() {
        String target = "search-" + System.nanoTime();
        Instant before = Instant.now().minusSeconds(1);
        append("test.search.one", target, "a");
        append("test.search.two", target, "b");
        log.append(AuditDraft.builder(AuditRecorded.KIND_COMMAND, "test.search.one").actor("someone-else", null)
                .target("thing", target).outcome(AuditRecorded.FAILED, 503, "c").build()).await().indefinitely();

        assertThat(searchDetails("target", target)).containsExactly("c", "b", "a");
        assertThat(searchDetails("target", target, "actor", admin.id)).containsExactly("b", "a");
        assertThat(searchDetails("target", target, "actor", admin.phone)).containsExactly("b", "a");
        assertThat(searchDetails("target", target, "action", "test.search.one")).containsExactly("c", "a");
        assertThat(searchDetails("target", target, "action", "test.search.*")).containsExactly("c", "b", "a");
        assertThat(searchDetails("target", target, "outcome", "failed")).containsExactly("c");
        assertThat(searchDetails("target", target, "from", before.toString())).hasSize(3);
        assertThat(searchDetails("target", target, "to", before.toString())).isEmpty();
        admin.request().queryParam("target", target).queryParam("size", "2").get("/api/v1/admin/audit").then()
                .statusCode(200).body("total", equalTo(3)).body("items.size()", equalTo(2));
        admin.request().queryParam("outcome", "MAYBE").get("/api/v1/admin/audit").then().statusCode(400)
                .body("violations[0].field", equalTo("outcome"));
    }

    @Test
    void theCsvExportEscapesCellsAndDefusesFormulas() {
        String target = "csv-" + System.nanoTime();
        log.append(AuditDraft.builder(AuditRecorded.KIND_COMMAND, "test.csv").actor(admin.id, admin.phone)
                .target("thing", target)
                .request("{\"note\":\"a, b\"}")
                .outcome(AuditRecorded.REJECTED, 422, "=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line")
                .build()).await().indefinitely();
        log.append(AuditDraft.builder(AuditRecorded.KIND_COMMAND, "test.csv").actor(admin.id, admin.phone)
                .target("thing", target).outcome(AuditRecorded.SUCCEEDED, 200, "@SUM(1+1), -2 and +3").build())
                .await().indefinitely();

        var response = admin.request().queryParam("target", target).get("/api/v1/admin/audit.csv");

        response.then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"");
        String csv = response.asString();
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo(String.join(",", AuditCsv.COLUMNS));
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\nsecond line\",")
                .contains(",\"'@SUM(1+1), -2 and +3\",")
                .contains(",\"'" + admin.phone + "\",")
                .contains(",\"{\"\"note\"\":\"\"a, b\"\"}\",")
                .contains(",test.csv,thing," + target + ",REJECTED,422,");
        assertThat(csv).endsWith("\r\n");
        List<String> rows = records(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith(Long.toString(entriesFor(target).get(0).getLong("seq")) + ",");
    }

    @Test
    void everyEntryIsPublishedWithAHashASiemCanRecompute() throws Exception {
        try (TopicProbe audit = TopicProbe.open(Topics.ADMIN_AUDIT)) {
            AuditEntry entry = append("test.publish", "pub-" + System.nanoTime(), "published \"quoted\"");

            EventEnvelope event = EventJson.read(audit.await(r -> entry.id().equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0).value());

            assertThat(event.type()).isEqualTo(AuditRecorded.TYPE);
            assertThat(event.source()).isEqualTo("admin-service");
            AuditRecorded recorded = EventJson.dataAs(event, AuditRecorded.class);
            assertThat(recorded.seq()).isEqualTo(entry.seq());
            assertThat(recorded.prevHash()).isEqualTo(entry.prevHash());
            assertThat(recorded.hash()).isEqualTo(entry.hash());
            ObjectNode data = (ObjectNode) event.data().deepCopy();
            String hash = data.remove("hash").asText();
            assertThat(sha256(IndependentCanonicalJson.write(data))).isEqualTo(hash);
        }
    }

    // ---- helpers

    private AuditEntry append(String action, String target, String detail) {
        return log.append(draft(action, target, detail)).await().atMost(Duration.ofSeconds(30));
    }

    private AuditDraft draft(String action, String target, String detail) {
        return AuditDraft.builder(AuditRecorded.KIND_COMMAND, action).actor(admin.id, admin.phone)
                .target("thing", target).before("{\"n\":1}").after("{\"list\":[1,2],\"n\":2}")
                .requestId("req-" + target).clientAddress("127.0.0.1")
                .outcome(AuditRecorded.SUCCEEDED, 200, detail).source("admin-service", null).build();
    }

    private JsonPath verify() {
        return admin.request().get("/api/v1/admin/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private List<String> searchDetails(String... params) {
        var request = admin.request().queryParam("size", "100");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath().getList("items.detail");
    }

    private MongoCollection<Document> entries() {
        return mongo.getDatabase("shop_admin").getCollection("audit_log");
    }

    private List<Document> entriesFor(String target) {
        return entries().find(Filters.eq("targetId", target)).sort(new Document("seq", 1)).into(new ArrayList<>());
    }

    /** Splits CSV text into records, honouring quoted line breaks. */
    private static List<String> records(String csv) {
        List<String> records = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                records.add(current.toString());
                current.setLength(0);
                i++;
                continue;
            }
            current.append(c);
        }
        return records;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The canonical form AuditRecorded documents, written from the event's JSON tree, independently of the service. */
    static final class IndependentCanonicalJson {
        static String write(JsonNode node) {
            if (node.isObject()) {
                TreeMap<String, JsonNode> sorted = new TreeMap<>();
                node.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        sorted.put(f.getKey(), f.getValue());
                    }
                });
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                    parts.add(EventJson.mapper().valueToTree(e.getKey()).toString() + ":" + write(e.getValue()));
                }
                return "{" + String.join(",", parts) + "}";
            }
            if (node.isArray()) {
                List<String> parts = new ArrayList<>();
                node.forEach(n -> parts.add(write(n)));
                return "[" + String.join(",", parts) + "]";
            }
            return node.toString();
        }
    }
}
