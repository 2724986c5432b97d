package dev.shop.contracts.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the AsyncAPI 3.0 description of every topic and event from the contract records themselves (their
 * {@link EventContract}s and components) and the golden samples, so the published document cannot drift from the code:
 * {@code AsyncApiDocumentTest} compares it with {@code platform/contracts/asyncapi.yaml}.
 */
final class AsyncApiDocument {

    /** Who writes and who reads each topic, and what it is about. */
    record TopicInfo(String producer, List<String> consumers, String description) {
    }

    static final Map<String, TopicInfo> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put(Topics.IDENTITY_USERS, new TopicInfo("auth-service", List.of("admin-service"),
                "Accounts: registration, profile changes, blocks, role changes and password sign-ins locked "
                        + "after repeated failures. Key: user id."));
        TOPICS.put(Topics.IDENTITY_SESSIONS, new TopicInfo("auth-service", List.of("gateway", "admin-service"),
                "Revoked sessions: the gateway deny-lists the session id until its tokens expire. Key: session id."));
        TOPICS.put(Topics.CATALOG_PRODUCTS, new TopicInfo("catalog-service",
                List.of("cart-service", "order-service", "admin-service"),
                "Complete product snapshots after every change (price, offer, status, stock level). Key: product id."));
        TOPICS.put(Topics.CATALOG_INVENTORY, new TopicInfo("catalog-service", List.of("order-service", "admin-service"),
                "The catalogue's side of the checkout saga (reserved, rejected, released) and stock alerts. Key: order id "
                        + "for reservations, product id for stock events."));
        TOPICS.put(Topics.ORDERS, new TopicInfo("order-service",
                List.of("catalog-service", "cart-service", "order-service", "admin-service"),
                "The order lifecycle, one event per status change, plus failed payments and refunds. Key: order id."));
        TOPICS.put(Topics.ADMIN_AUDIT, new TopicInfo("admin-service", List.of(),
                "Every admin command and security-relevant event, for export to a SIEM. Key: audit entry id."));
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Object> schemas = new TreeMap<>();

    /** The whole document as a tree of maps and lists, ready to be written as YAML. */
    Map<String, Object> build(List<Class<?>> payloads, Path goldenRoot) {
        Map<String, List<JsonNode>> samples = samplesByType(goldenRoot);
        Map<String, List<Class<?>>> byTopic = new TreeMap<>();
        for (Class<?> payload : payloads) {
            byTopic.computeIfAbsent(EventContracts.of(payload).topic(), t -> new ArrayList<>()).add(payload);
        }
        byTopic.values().forEach(list -> list.sort(Comparator.comparing(c -> EventContracts.of(c).type())));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put("info", map(
                "title", "Shop platform events",
                "version", "1.0.0",
                "description", "Every event the shop's services publish to Kafka. Each record value is a JSON envelope "
                        + "(eventId, type, version, occurredAt, source, aggregateId, correlationId, data); the record "
                        + "key is the aggregate id, so the events of one aggregate keep their order. Consumers "
                        + "deduplicate on eventId. Changes inside a version are additive. See docs/events.md."));
        doc.put("defaultContentType", "application/json");
        doc.put("servers", map("local", map("host", "localhost:19092", "protocol", "kafka",
                "description", "The embedded broker of the local stack (./shop start)")));

        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new TreeMap<>();
        for (Map.Entry<String, List<Class<?>>> topic : byTopic.entrySet()) {
            String channelId = channelId(topic.getKey());
            TopicInfo info = TOPICS.get(topic.getKey());
            Map<String, Object> channelMessages = new LinkedHashMap<>();
            List<Object> messageRefs = new ArrayList<>();
            for (Class<?> payload : topic.getValue()) {
                EventContracts.Contract contract = EventContracts.of(payload);
                channelMessages.put(contract.type(), ref("#/components/messages/" + contract.type()));
                messageRefs.add(ref("#/channels/" + channelId + "/messages/" + contract.type()));
                messages.put(contract.type(), message(payload, contract, samples.getOrDefault(contract.type(),
                        List.of())));
            }
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("address", topic.getKey());
            channel.put("description", info == null ? "" : info.description());
            channel.put("messages", channelMessages);
            channel.put("bindings", map("kafka", map("bindingVersion", "0.5.0")));
            channels.put(channelId, channel);

            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("action", "send");
            operation.put("channel", ref("#/channels/" + channelId));
            operation.put("summary", (info == null ? "?" : info.producer()) + " publishes to " + topic.getKey()
                    + (info == null || info.consumers().isEmpty() ? ""
                            : "; read by " + String.join(", ", info.consumers())));
            operation.put("messages", messageRefs);
            operations.put("publish-" + channelId, operation);
        }
        doc.put("channels", channels);
        doc.put("operations", operations);

        schemas.put("EventEnvelope", envelopeSchema());
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("messages", messages);
        components.put("schemas", schemas);
        doc.put("components", components);
        return doc;
    }

    private Map<String, Object> message(Class<?> payload, EventContracts.Contract contract, List<JsonNode> examples) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", contract.type());
        message.put("title", contract.type() + " v" + contract.version());
        message.put("contentType", "application/json");
        message.put("bindings", map("kafka", map("key", map("type", "string",
                "description", "the aggregate id"), "bindingVersion", "0.5.0")));
        Map<String, Object> data = schemaOf(payload);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("allOf", List.of(ref("#/components/schemas/EventEnvelope"), map(
                "type", "object",
                "properties", map(
                        "type", map("const", contract.type()),
                        "version", map("const", contract.version()),
                        "data", data))));
        message.put("payload", envelope);
        if (!examples.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode example : examples) {
                list.add(map("name", contract.type() + "-golden", "payload",
                        json.convertValue(example, Object.class)));
            }
            message.put("examples", list);
        }
        return message;
    }

    private static Map<String, Object> envelopeSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("eventId", map("type", "string", "format", "uuid", "description", "unique; deduplicate on it"));
        props.put("type", map("type", "string", "description", "event type, e.g. OrderPlaced"));
        props.put("version", map("type", "integer", "minimum", 1, "description", "schema version of data"));
        props.put("occurredAt", map("type", "string", "format", "date-time"));
        props.put("source", map("type", "string", "description", "producing service"));
        props.put("aggregateId", map("type", "string", "description", "also the Kafka record key"));
        props.put("correlationId", map("type", "string", "description", "request id of the causing command"));
        props.put("data", map("type", "object", "description", "the payload of this type and version"));
        return map("type", "object",
                "required", List.of("eventId", "type", "version", "occurredAt", "source", "aggregateId", "data"),
                "properties", props);
    }

    /** A $ref to the record's schema under components, creating it (and its nested records') on first use. */
    private Map<String, Object> schemaOf(Class<?> record) {
        String name = schemaName(record);
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // placeholder: stops recursion
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent component : record.getRecordComponents()) {
                properties.put(component.getName(), typeSchema(component.getGenericType()));
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            List<String> constants = constants(record);
            if (!constants.isEmpty()) {
                schema.put("x-known-values", constants);
            }
            schemas.put(name, schema);
        }
        return ref("#/components/schemas/" + name);
    }

    private Object typeSchema(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
                return map("type", "array", "items", typeSchema(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map("type", "object", "additionalProperties", typeSchema(args[1]));
            }
            return typeSchema(raw);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return map("type", "string");
        }
        if (c == int.class || c == Integer.class) {
            return map("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return map("type", "integer", "format", "int64");
        }
        if (c == double.class || c == Double.class) {
            return map("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return map("type", "boolean");
        }
        if (c == Instant.class) {
            return map("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return map("type", "string", "format", "date");
        }
        if (c == UUID.class) {
            return map("type", "string", "format", "uuid");
        }
        if (c.isEnum()) {
            List<String> values = Stream.of(c.getEnumConstants()).map(Object::toString).toList();
            return map("type", "string", "enum", values);
        }
        if (c.isRecord()) {
            return schemaOf(c);
        }
        if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
            return map("description", "any JSON value");
        }
        throw new IllegalArgumentException("no schema mapping for " + c.getName());
    }

    /** String constants of a record other than TYPE (e.g. rejection reasons): the values its fields take. */
    private static List<String> constants(Class<?> record) {
        List<String> values = new ArrayList<>();
        for (Field field : record.getDeclaredFields()) {
            int mod = field.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isPublic(mod) && field.getType() == String.class
                    && !field.getName().equals("TYPE")) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    private Map<String, List<JsonNode>> samplesByType(Path root) {
        Map<String, List<JsonNode>> byType = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = json.readTree(file.toFile());
                if (node.has("eventId") && node.has("type") && node.has("data")) {
                    byType.computeIfAbsent(node.get("type").asText(), t -> new ArrayList<>()).add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byType;
    }

    private static String schemaName(Class<?> record) {
        Class<?> enclosing = record.getEnclosingClass();
        return enclosing == null ? record.getSimpleName() : enclosing.getSimpleName() + record.getSimpleName();
    }

    private static String channelId(String topic) {
        return topic.replace('.', '-');
    }

    private static Map<String, Object> ref(String target) {
        return map("$ref", target);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
