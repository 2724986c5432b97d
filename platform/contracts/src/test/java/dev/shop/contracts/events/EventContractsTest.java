package dev.shop.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.orders.OrderPlaced;

class EventContractsTest {

    /** Every record with a {@code TYPE} constant is an event payload: it names its topic, type and version. */
    @Test
    void everyPayloadRecordDeclaresAContractMatchingItsConstants() throws Exception {
        List<Class<?>> payloads = payloadRecords();
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(20);
        for (Class<?> payload : payloads) {
            EventContract contract = payload.getAnnotation(EventContract.class);
            assertThat(contract).as(payload.getSimpleName() + " has @EventContract").isNotNull();
            assertThat(contract.type()).as(payload.getSimpleName()).isEqualTo(payload.getField("TYPE").get(null));
            assertThat(contract.version()).as(payload.getSimpleName())
                    .isEqualTo(payload.getField("VERSION").get(null));
            assertThat(Topics.all()).as(payload.getSimpleName() + " topic").contains(contract.topic());
        }
    }

    @Test
    void theLookupReadsTheAnnotationAndRefusesOtherClasses() {
        assertThat(EventContracts.of(OrderPlaced.class))
                .isEqualTo(new EventContracts.Contract(Topics.ORDERS, "OrderPlaced", 1));
        assertThatThrownBy(() -> EventContracts.of("not an event"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    static List<Class<?>> payloadRecords() throws IOException {
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(EventContractsTest::load)
                    .filter(Class::isRecord)
                    .filter(EventContractsTest::hasTypeConstant)
                    .toList();
        }
    }

    private static boolean hasTypeConstant(Class<?> type) {
        try {
            Field field = type.getField("TYPE");
            return Modifier.isStatic(field.getModifiers());
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
