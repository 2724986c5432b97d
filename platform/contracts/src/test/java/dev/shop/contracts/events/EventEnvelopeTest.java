package dev.shop.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EventEnvelopeTest {

    record Line(String productId, int quantity) {
    }

    record Money(long amount, String currency) {
    }

    record OrderPlacedSample(String orderId, List<Line> lines, Money total) {
    }

    static String golden(String name) throws IOException {
        try (InputStream in = EventEnvelopeTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void goldenSampleRoundTripsUnchanged() throws IOException {
        String json = golden("envelope-order-placed.json");

        EventEnvelope envelope = EventJson.read(json);

        assertThat(envelope.eventId()).isEqualTo(UUID.fromString("0b6f3c1e-8f4a-4c55-9a57-1b2f4d9e7a10"));
        assertThat(envelope.type()).isEqualTo("OrderPlaced");
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
        assertThat(envelope.aggregateId()).isEqualTo("6560a1f2c3d4e5f601234567");
        assertThat(envelope.correlationId()).isEqualTo("req-7f3a9c2e41d0");

        JsonNode rewritten = EventJson.mapper().readTree(EventJson.write(envelope));
        assertThat(rewritten).isEqualTo(EventJson.mapper().readTree(json));
    }

    @Test
    void payloadBindsToItsRecord() throws IOException {
        EventEnvelope envelope = EventJson.read(golden("envelope-order-placed.json"));

        OrderPlacedSample data = EventJson.dataAs(envelope, OrderPlacedSample.class);

        assertThat(data.lines()).containsExactly(new Line("p-1", 2));
        assertThat(data.total()).isEqualTo(new Money(259800, "INR"));
    }

    @Test
    void unknownFieldsAreIgnoredSoAdditiveChangesDoNotBreakReaders() {
        String json = """
                {"eventId":"0b6f3c1e-8f4a-4c55-9a57-1b2f4d9e7a10","type":"X","version":1,
                 "occurredAt":"2026-11-21T10:15:30Z","source":"s","aggregateId":"a","data":{},
                 "addedLater":"ignored"}""";

        assertThat(EventJson.read(json).type()).isEqualTo("X");
    }

    @Test
    void wrapAssignsIdTimeAndPayload() {
        EventEnvelope e = EventJson.wrap("OrderPlaced", 1, "order-service", "o-1", "req-12345678",
                new OrderPlacedSample("o-1", List.of(), new Money(0, "INR")));

        assertThat(e.eventId()).isNotNull();
        assertThat(e.occurredAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(e.data().get("orderId").asText()).isEqualTo("o-1");
        assertThat(EventJson.read(EventJson.write(e))).isEqualTo(e);
    }

    @Test
    void garbageIsAMalformedEvent() {
        assertThatThrownBy(() -> EventJson.read("{not json"))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"X\"}"))
                .isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void deadLetterTopicNamesTheServiceAndChannel() {
        assertThat(Topics.deadLetter("catalog-service", "orders")).isEqualTo("shop.dlq.catalog-service.orders");
        assertThat(Topics.all()).contains(Topics.ORDERS, Topics.IDENTITY_SESSIONS);
    }
}
