package dev.shop.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * {@code asyncapi.yaml} describes exactly the contract records and golden samples of this module. When a record
 * changes, regenerate the document with {@code ./mvnw -pl platform/contracts test -Dasyncapi.write=true} and commit it.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("asyncapi.yaml");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    @Test
    void theCommittedDocumentDescribesEveryRecordAsItIsNow() throws Exception {
        Map<String, Object> generated = new AsyncApiDocument().build(EventContractsTest.payloadRecords(), GOLDEN);
        String text = "# Generated from the contract records and golden samples by AsyncApiDocumentTest; do not edit.\n"
                + yaml.writeValueAsString(generated);
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(DOCUMENT, text);
        }
        assertThat(DOCUMENT).as("platform/contracts/asyncapi.yaml exists").exists();
        JsonNode committed = yaml.readTree(DOCUMENT.toFile());
        assertThat(committed).as("asyncapi.yaml is out of date: regenerate it with "
                + "./mvnw -pl platform/contracts test -Dasyncapi.write=true")
                .isEqualTo(yaml.readTree(text));
    }

    @Test
    void everyTopicWithEventsIsDescribedAndEveryEventHasAGoldenExample() throws Exception {
        List<Class<?>> payloads = EventContractsTest.payloadRecords();
        JsonNode doc = yaml.valueToTree(new AsyncApiDocument().build(payloads, GOLDEN));
        for (Class<?> payload : payloads) {
            EventContracts.Contract contract = EventContracts.of(payload);
            assertThat(AsyncApiDocument.TOPICS).as("producer and consumers of " + contract.topic())
                    .containsKey(contract.topic());
            JsonNode message = doc.path("components").path("messages").path(contract.type());
            assertThat(message.path("examples").isArray()).as("golden example of " + contract.type()).isTrue();
            assertThat(doc.path("channels").path(contract.topic().replace('.', '-')).path("address").asText())
                    .isEqualTo(contract.topic());
        }
    }
}
