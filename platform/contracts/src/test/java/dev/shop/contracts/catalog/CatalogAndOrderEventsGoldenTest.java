package dev.shop.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderAwaitingPayment;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRefunded;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;

/**
 * Golden samples of the catalogue's events and of the order events the catalogue consumes: each sample binds to its
 * record, names every field of the record, and writes back to the same JSON.
 */
class CatalogAndOrderEventsGoldenTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("catalog/product-created.json", ProductCreated.TYPE, ProductCreated.class),
                Arguments.of("catalog/product-updated.json", ProductUpdated.TYPE, ProductUpdated.class),
                Arguments.of("catalog/product-deleted.json", ProductDeleted.TYPE, ProductDeleted.class),
                Arguments.of("catalog/stock-reserved.json", StockReserved.TYPE, StockReserved.class),
                Arguments.of("catalog/stock-rejected.json", StockRejected.TYPE, StockRejected.class),
                Arguments.of("catalog/stock-released.json", StockReleased.TYPE, StockReleased.class),
                Arguments.of("catalog/stock-low.json", StockLow.TYPE, StockLow.class),
                Arguments.of("catalog/stock-adjusted.json", StockAdjusted.TYPE, StockAdjusted.class),
                Arguments.of("orders/order-placed.json", OrderPlaced.TYPE, OrderPlaced.class),
                Arguments.of("orders/order-confirmed.json", OrderConfirmed.TYPE, OrderConfirmed.class),
                Arguments.of("orders/order-rejected.json", OrderRejected.TYPE, OrderRejected.class),
                Arguments.of("orders/order-paid.json", OrderPaid.TYPE, OrderPaid.class),
                Arguments.of("orders/order-cancelled.json", OrderCancelled.TYPE, OrderCancelled.class),
                Arguments.of("orders/order-shipped.json", OrderShipped.TYPE, OrderShipped.class),
                Arguments.of("orders/order-delivered.json", OrderDelivered.TYPE, OrderDelivered.class),
                Arguments.of("orders/order-awaiting-payment.json", OrderAwaitingPayment.TYPE,
                        OrderAwaitingPayment.class),
                Arguments.of("orders/order-payment-failed.json", OrderPaymentFailed.TYPE, OrderPaymentFailed.class),
                Arguments.of("orders/order-refunded.json", OrderRefunded.TYPE, OrderRefunded.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleRoundTripsThroughItsRecord(String file, String type, Class<? extends Record> recordType)
            throws IOException {
        String json = golden(file);
        EventEnvelope envelope = EventJson.read(json);
        assertThat(envelope.type()).isEqualTo(type);

        Record data = EventJson.dataAs(envelope, recordType);
        EventEnvelope rewritten = new EventEnvelope(envelope.eventId(), envelope.type(), envelope.version(),
                envelope.occurredAt(), envelope.source(), envelope.aggregateId(), envelope.correlationId(),
                EventJson.mapper().valueToTree(data));

        assertThat(EventJson.mapper().readTree(EventJson.write(rewritten)))
                .isEqualTo(EventJson.mapper().readTree(json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleNamesEveryFieldOfItsRecord(String file, String type, Class<? extends Record> recordType)
            throws IOException {
        JsonNode data = EventJson.read(golden(file)).data();

        List<String> missing = new ArrayList<>();
        collectMissing("", data, recordType, missing);

        assertThat(missing).as("record fields absent from %s", file).isEmpty();
    }

    @Test
    void bindsTypedValues() throws IOException {
        ProductUpdated updated = EventJson.dataAs(EventJson.read(golden("catalog/product-updated.json")),
                ProductUpdated.class);
        assertThat(updated.product().price()).isEqualTo(new Money(249900, "INR"));
        assertThat(updated.product().offer().validTo()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(updated.product().models()).contains(new Fitment("HONDA", "CITY"));
        assertThat(updated.changes()).containsExactly("price", "offer");

        StockRejected rejected = EventJson.dataAs(EventJson.read(golden("catalog/stock-rejected.json")),
                StockRejected.class);
        assertThat(rejected.lines()).extracting(StockRejected.RejectedLine::reason)
                .containsExactly(StockRejected.INSUFFICIENT_STOCK, StockRejected.NOT_FOUND);

        OrderPlaced placed = EventJson.dataAs(EventJson.read(golden("orders/order-placed.json")), OrderPlaced.class);
        assertThat(placed.lines()).singleElement().satisfies(line -> {
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.lineTotal()).isEqualTo(line.unitPrice().times(2));
        });
        assertThat(placed.total()).isEqualTo(placed.subtotal().minus(placed.discountTotal()).plus(placed.shippingTotal()));
    }

    @Test
    void payloadsWrapWithTheirTypeConstants() {
        StockReserved reserved = new StockReserved("o-1", List.of(new StockLine("p-1", "SKU-1", 2)));

        EventEnvelope envelope = EventJson.wrap(StockReserved.TYPE, StockReserved.VERSION, "catalog-service", "o-1",
                "req-1", reserved);

        assertThat(EventJson.dataAs(EventJson.read(EventJson.write(envelope)), StockReserved.class))
                .isEqualTo(reserved);
    }

    /** Walks the JSON alongside the record's components (and nested records of lists) to find unnamed fields. */
    private static void collectMissing(String prefix, JsonNode node, Class<?> recordType, List<String> missing) {
        for (RecordComponent component : recordType.getRecordComponents()) {
            String path = prefix + component.getName();
            JsonNode value = node.get(component.getName());
            if (value == null || value.isNull()) {
                missing.add(path);
                continue;
            }
            Class<?> type = component.getType();
            if (type.isRecord()) {
                collectMissing(path + ".", value, type, missing);
            } else if (List.class.isAssignableFrom(type) && value.isArray() && !value.isEmpty()) {
                java.lang.reflect.Type generic = component.getGenericType();
                if (generic instanceof java.lang.reflect.ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                        && element.isRecord()) {
                    Iterator<JsonNode> items = value.elements();
                    int i = 0;
                    while (items.hasNext()) {
                        collectMissing(path + "[" + i++ + "].", items.next(), element, missing);
                    }
                }
            } else if (Map.class.isAssignableFrom(type) && !value.isObject()) {
                missing.add(path);
            }
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CatalogAndOrderEventsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden sample %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
