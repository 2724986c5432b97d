package dev.shop.contracts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shop.contracts.events.EventContracts;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;

/**
 * The golden sample of admin-service's audit event: it binds to its record, names every field, writes back to the same
 * JSON, and its hash is what the record's documentation says a SIEM recomputes.
 */
class AuditRecordedGoldenTest {

    @Test
    void sampleRoundTripsThroughItsRecord() throws IOException {
        String json = golden();
        EventEnvelope envelope = EventJson.read(json);
        assertThat(envelope.type()).isEqualTo(AuditRecorded.TYPE);
        assertThat(EventContracts.of(AuditRecorded.class).topic()).isEqualTo(Topics.ADMIN_AUDIT);

        AuditRecorded recorded = EventJson.dataAs(envelope, AuditRecorded.class);
        EventEnvelope rewritten = new EventEnvelope(envelope.eventId(), envelope.type(), envelope.version(),
                envelope.occurredAt(), envelope.source(), envelope.aggregateId(), envelope.correlationId(),
                EventJson.mapper().valueToTree(recorded));

        assertThat(EventJson.mapper().readTree(EventJson.write(rewritten)))
                .isEqualTo(EventJson.mapper().readTree(json));
    }

    @Test
    void sampleNamesEveryFieldOfTheRecord() throws IOException {
        JsonNode data = EventJson.read(golden()).data();
        List<String> missing = new ArrayList<>();
        for (RecordComponent component : AuditRecorded.class.getRecordComponents()) {
            JsonNode value = data.get(component.getName());
            if (value == null || value.isNull()) {
                missing.add(component.getName());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void bindsTypedValues() throws IOException {
        AuditRecorded recorded = EventJson.dataAs(EventJson.read(golden()), AuditRecorded.class);

        assertThat(recorded.seq()).isEqualTo(42);
        assertThat(recorded.at()).isEqualTo(Instant.parse("2026-11-21T12:00:00.123Z"));
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.outcome()).isEqualTo(AuditRecorded.SUCCEEDED);
        assertThat(recorded.before().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(recorded.after().get("status").asText()).isEqualTo("BLOCKED");
        assertThat(recorded.hash()).hasSize(64);
        assertThat(AuditRecorded.GENESIS_HASH).hasSize(64).matches("0+");
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalJsonWithoutTheHash() throws Exception {
        ObjectNode data = (ObjectNode) EventJson.read(golden()).data().deepCopy();
        String hash = data.remove("hash").asText();

        String canonical = canonical(data);

        assertThat(canonical).startsWith("{\"action\":\"user.block\",\"actorId\":")
                .contains("\"request\":{\"reason\":\"chargeback \\\"fraud\\\"\"}")
                .doesNotContain(" \"", "\n");
        assertThat(sha256(canonical)).isEqualTo(hash);
    }

    /** The canonical form as the record's documentation describes it, written independently of any producer. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    sorted.put(field.getKey(), field.getValue());
                }
            });
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((key, value) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(quote(key)).append(':').append(canonical(value));
            });
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            Iterator<JsonNode> elements = node.elements();
            elements.forEachRemaining(element -> items.add(canonical(element)));
            return "[" + String.join(",", items) + "]";
        }
        if (node.isTextual()) {
            return quote(node.asText());
        }
        return node.asText();
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String golden() throws IOException {
        try (InputStream in = AuditRecordedGoldenTest.class.getResourceAsStream("/golden/admin/audit-recorded.json")) {
            assertThat(in).as("golden sample").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
