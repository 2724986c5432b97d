package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import dev.shop.kit.app.KitTestResource;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With tracing switched on (as in a cluster), the W3C trace context flows into REST client calls and Kafka records. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@TestProfile(TracePropagationTest.TracingOn.class)
class TracePropagationTest {

    /** Spans are made and propagated; no exporter, so nothing looks for a collector. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.enabled", "false");
        }
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INBOUND = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void aRestClientCallContinuesTheCallersTrace() {
        String relayed = given().header("traceparent", INBOUND)
                .when().get("/kit-test/trace/relayed")
                .then().statusCode(200)
                .extract().asString();

        assertThat(relayed).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(relayed).as("the client call is a span of its own").isNotEqualTo(INBOUND);
    }

    @Test
    void anEventPublishedRightAfterItsWriteContinuesTheRequestsTrace() {
        // An event left to the periodic sweep (after a crash, or when the sweep gets there first on a loaded machine)
        // is published in a trace of its own; so the write is tried a few times, and one of them must carry the trace.
        List<String> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            String traceparent = publishedTraceparent();
            if (traceparent != null && traceparent.matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")) {
                return;
            }
            seen.add(traceparent);
        }
        assertThat(seen).as("traceparent headers of the events").anyMatch(t -> t != null
                && t.matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01"));
    }

    private String publishedTraceparent() {
        try (TopicProbe probe = TopicProbe.open(KitTestResource.TOPIC)) {
            String id = given().contentType(ContentType.JSON).header("traceparent", INBOUND)
                    .body("{\"name\":\"t-" + new ObjectId().toHexString().substring(14) + "\",\"quantity\":1}")
                    .when().post("/kit-test/widgets")
                    .then().statusCode(201)
                    .extract().path("id");

            ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0);
            Header traceparent = record.headers().lastHeader("traceparent");
            return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8);
        }
    }
}
