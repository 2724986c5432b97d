package dev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each check notices what it is there for: the local overlay, broken in one place, fails exactly that check.
 */
class ManifestChecksTest {

    private static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() {
        rendered = Kustomize.render(Overlays.overlay("local"));
    }

    /** Runs a check on a copy of the overlay changed by {@code breakIt}. */
    private static List<String> violations(Consumer<List<Map<String, Object>>> breakIt,
            Function<ManifestChecks, List<String>> check) {
        List<Map<String, Object>> copy = new ArrayList<>(Yaml.copy(rendered));
        breakIt.accept(copy);
        return check.apply(new ManifestChecks(new Manifests(copy),
                ManifestChecks.secretTemplates(Overlays.secretTemplates())));
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(Yaml.string(d, "metadata", "name")))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
        return Yaml.map(Yaml.list(Yaml.at(find(docs, "Deployment", deployment), "spec", "template", "spec",
                "containers")).get(0));
    }

    @Test
    void theUnbrokenOverlayPassesEveryCheck() {
        ManifestChecks checks = new ManifestChecks(new Manifests(Yaml.copy(rendered)),
                ManifestChecks.secretTemplates(Overlays.secretTemplates()));
        assertThat(checks.workloadsAreHardenedSizedAndProbed()).isEmpty();
        assertThat(checks.onlyTheGatewayIsReachableFromOutside()).isEmpty();
        assertThat(checks.everyTopicHasAKafkaTopic(1, 1)).isEmpty();
    }

    @Test
    void aFieldTheModelDoesNotKnowFailsTheBinding() {
        List<Map<String, Object>> copy = new ArrayList<>(Yaml.copy(rendered));
        container(copy, "gateway").put("livenessprobe", Map.of("httpGet", Map.of("path", "/q/health/live")));
        assertThatThrownBy(() -> new Manifests(copy))
                .hasMessageContaining("apps/v1/Deployment gateway: fields the model does not know")
                .hasMessageContaining("livenessprobe");

        List<Map<String, Object>> topics = new ArrayList<>(Yaml.copy(rendered));
        Yaml.map(find(topics, "KafkaTopic", "shop-orders-v1").get("spec")).put("partition", 3);
        assertThatThrownBy(() -> new Manifests(topics))
                .hasMessageContaining("kafka.strimzi.io/v1beta2/KafkaTopic shop-orders-v1")
                .hasMessageContaining("partition");
    }

    @Test
    void aMissingProbeLimitOrRootUserIsReported() {
        assertThat(violations(d -> container(d, "cart-service").remove("readinessProbe"),
                ManifestChecks::workloadsAreHardenedSizedAndProbed))
                .containsExactly("Deployment/cart-service container cart-service: no HTTP readiness probe");
        assertThat(violations(d -> Yaml.map(container(d, "gateway").get("resources")).remove("limits"),
                ManifestChecks::workloadsAreHardenedSizedAndProbed))
                .contains("Deployment/gateway container gateway: no memory limit");
        assertThat(violations(d -> Yaml.map(Yaml.at(find(d, "Deployment", "order-service"), "spec", "template", "spec",
                "securityContext")).put("runAsNonRoot", false), ManifestChecks::workloadsAreHardenedSizedAndProbed))
                .containsExactly("Deployment/order-service: pod securityContext.runAsNonRoot is not true");
        assertThat(violations(d -> Yaml.map(container(d, "auth-service").get("securityContext"))
                .put("readOnlyRootFilesystem", false), ManifestChecks::workloadsAreHardenedSizedAndProbed))
                .containsExactly("Deployment/auth-service container auth-service: root filesystem is not read-only");
    }

    @Test
    void aServiceWithoutPodsOrExposedOutsideIsReported() {
        assertThat(violations(d -> Yaml.map(Yaml.at(find(d, "Service", "cart-service"), "spec", "selector"))
                .put("app.kubernetes.io/name", "cart"), ManifestChecks::servicesSelectExistingWorkloads))
                .containsExactly("Service/cart-service: selects no Deployment or StatefulSet");
        assertThat(violations(d -> Yaml.map(find(d, "Service", "catalog-service").get("spec"))
                .put("type", "LoadBalancer"), ManifestChecks::servicesSelectExistingWorkloads))
                .anyMatch(v -> v.contains("LoadBalancer exposes it outside the cluster"));
        assertThat(violations(d -> Yaml.map(find(d, "ConfigMap", "gateway-config").get("data"))
                .put("SHOP_GATEWAY_UPSTREAMS_CART_URL", "http://cart:8083"), ManifestChecks::inClusterUrlsPointAtServices))
                .containsExactly("ConfigMap/gateway-config SHOP_GATEWAY_UPSTREAMS_CART_URL=http://cart:8083: no Service cart");
    }

    @Test
    void aReferenceToAMissingKeyIsReported() {
        assertThat(violations(d -> {
            for (Object env : Yaml.list(container(d, "auth-service").get("env"))) {
                Map<String, Object> ref = Yaml.map(Yaml.at(env, "valueFrom", "secretKeyRef"));
                if ("hash-key".equals(ref.get("key"))) {
                    ref.put("key", "hashkey");
                }
            }
        }, ManifestChecks::referencesPointAtExistingKeys))
                .containsExactly("Deployment/auth-service: SHOP_AUTH_OTP_HASH_KEY reads key hashkey of Secret auth-otp,"
                        + " which has [hash-key, twilio-account-sid, twilio-auth-token, twilio-service-sid,"
                        + " twofactor-api-key]");
        assertThat(violations(d -> Yaml.list(container(d, "catalog-service").get("envFrom"))
                .add(Map.of("configMapRef", Map.of("name", "nowhere"))), ManifestChecks::referencesPointAtExistingKeys))
                .containsExactly("Deployment/catalog-service: envFrom ConfigMap nowhere is missing");
    }

    @Test
    void aCommittedSecretValueIsReported() {
        assertThat(violations(d -> {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("apiVersion", "v1");
            secret.put("kind", "Secret");
            secret.put("metadata", new LinkedHashMap<>(Map.of("name", "leaked", "namespace", "shop")));
            secret.put("stringData", new LinkedHashMap<>(Map.of("password", "hunter2hunter2")));
            d.add(secret);
        }, ManifestChecks::noRealLookingSecrets))
                .containsExactly("Secret/leaked key password holds a value instead of a <placeholder>");
        assertThat(violations(d -> Yaml.map(find(d, "ConfigMap", "shop-platform").get("data"))
                .put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://root:s3cr3t@mongodb-0.mongodb-headless:27017"),
                ManifestChecks::noRealLookingSecrets))
                .containsExactly("ConfigMap/shop-platform QUARKUS_MONGODB_CONNECTION_STRING: a URL with credentials");
        assertThat(violations(d -> Yaml.map(find(d, "ConfigMap", "order-service-config").get("data"))
                .put("SHOP_ORDER_PAYMENTS_RAZORPAY_KEY_SECRET", "sk_live_51HxQ2bK9vT3mYp8LwZr"),
                ManifestChecks::noRealLookingSecrets))
                .hasSize(2)
                .allMatch(v -> v.startsWith("ConfigMap/order-service-config SHOP_ORDER_PAYMENTS_RAZORPAY_KEY_SECRET"));
    }

    @Test
    void aServiceReachableFromOutsideOrWithoutDefaultDenyIsReported() {
        assertThat(violations(d -> Yaml.list(Yaml.at(find(d, "NetworkPolicy", "catalog-service"), "spec", "ingress"))
                .add(Map.of("from", List.of(Map.of("namespaceSelector", Map.of())))),
                ManifestChecks::onlyTheGatewayIsReachableFromOutside))
                .containsExactly("Deployment/catalog-service: NetworkPolicy catalog-service admits any address or"
                        + " namespace on every port");
        assertThat(violations(d -> d.remove(find(d, "NetworkPolicy", "default-deny-all")),
                ManifestChecks::onlyTheGatewayIsReachableFromOutside))
                .containsExactly("no default-deny NetworkPolicy (all pods, Ingress and Egress, no rules)");
        assertThat(violations(d -> Yaml.map(Yaml.list(Yaml.at(find(d, "Kafka", "shop-kafka"), "spec", "kafka",
                "listeners")).get(0)).put("type", "loadbalancer"), ManifestChecks::onlyTheGatewayIsReachableFromOutside))
                .containsExactly("Kafka/shop-kafka listener tls: type LOADBALANCER is reachable from outside the cluster");
    }

    @Test
    void aCallerOutsideTheCallGraphIsReported() {
        assertThat(violations(d -> {
            Map<String, Object> rule = Yaml.map(Yaml.list(Yaml.at(find(d, "NetworkPolicy", "admin-service"), "spec",
                    "ingress")).get(0));
            Yaml.list(rule.get("from")).add(Map.of("podSelector", Map.of("matchLabels",
                    Map.of("app.kubernetes.io/name", "cart-service"))));
        }, ManifestChecks::servicesTalkOnlyToTheirPeers))
                .containsExactly("admin-service accepts HTTP from [cart-service, gateway], expected [gateway]");
    }

    @Test
    void aMissingTopicOrAForeignWriteIsReported() {
        assertThat(violations(d -> d.remove(find(d, "KafkaTopic", "shop-dlq-catalog-service-orders")),
                c -> c.everyTopicHasAKafkaTopic(1, 1)))
                .containsExactly("topic shop.dlq.catalog-service.orders has no KafkaTopic");
        assertThat(violations(d -> Yaml.list(Yaml.at(find(d, "KafkaUser", "cart-service"), "spec", "authorization",
                "acls")).add(Map.of("resource",
                        Map.of("type", "topic", "name", "shop.orders.v1", "patternType",
                                "literal"),
                        "operations", List.of("Write"))),
                ManifestChecks::kafkaUsersWriteOnlyTheirOwnTopics))
                .containsExactly("KafkaUser/cart-service may write shop.orders.v1 (LITERAL), which it does not own");
        assertThat(violations(d -> Yaml.map(find(d, "KafkaTopic", "shop-orders-v1").get("spec")).put("replicas", 3),
                c -> c.everyTopicHasAKafkaTopic(1, 1)))
                .containsExactly("topic shop.orders.v1: replicas 3, expected 1",
                        "topic shop.orders.v1: 3 replicas but 1 brokers");
    }

    @Test
    void aPatternSubscriptionNeedsReadAccessToItsLiteralPrefix() {
        ServiceConfigs.Incoming deadLetters = new ServiceConfigs.Incoming("admin-service", "dead-letters",
                "shop\\.dlq\\.(?!admin-service\\.dead-letters$).+", true, "shop.dlq.admin-service.dead-letters");
        assertThat(deadLetters.literalPrefix()).isEqualTo("shop.dlq.");
    }

    @Test
    void aMongoMemberCountOrUserMismatchIsReported() {
        assertThat(violations(d -> Yaml.map(find(d, "StatefulSet", "mongodb").get("spec")).put("replicas", 3),
                ManifestChecks::mongoUsersMatchTheServices))
                .contains("mongodb: 3 replicas but MONGO_REPLICAS=1");
        assertThat(violations(d -> Yaml.map(find(d, "ConfigMap", "cart-service-config").get("data"))
                .put("QUARKUS_MONGODB_CREDENTIALS_USERNAME", "cart"), ManifestChecks::mongoUsersMatchTheServices))
                .containsExactly("cart-service: connects as cart");
    }
}
