package dev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Every overlay renders and satisfies the deployment rules (see deploy/README.md). */
class ManifestsTest {

    private static ManifestChecks checks(String overlay) {
        return new ManifestChecks(Manifests.of(Overlays.overlay(overlay)),
                ManifestChecks.secretTemplates(Overlays.secretTemplates()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void everyDocumentParsesAsItsKind(String overlay) {
        Manifests manifests = Manifests.of(Overlays.overlay(overlay));

        assertThat(manifests.objects).hasSameSizeAs(manifests.documents);
        assertThat(manifests.all(Deployment.class)).extracting(Manifests::nameOf)
                .containsExactlyInAnyOrderElementsOf(ServiceConfigs.WORKLOADS.keySet());
        assertThat(manifests.all(Kafka.class)).hasSize(1);
        assertThat(manifests.all(KafkaTopic.class)).isNotEmpty();
        assertThat(manifests.documents).allSatisfy(d -> {
            if (!d.get("kind").equals("Namespace")) {
                assertThat(Yaml.string(d, "metadata", "namespace")).as("namespace of %s", d.get("kind"))
                        .isEqualTo("shop");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void workloadsAreHardenedSizedAndProbed(String overlay) {
        assertThat(checks(overlay).workloadsAreHardenedSizedAndProbed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void deploymentsHaveAutoscalersAndDisruptionBudgets(String overlay) {
        assertThat(checks(overlay).deploymentsHaveAutoscalersAndDisruptionBudgets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void servicesSelectExistingWorkloads(String overlay) {
        assertThat(checks(overlay).servicesSelectExistingWorkloads()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void inClusterUrlsPointAtServices(String overlay) {
        assertThat(checks(overlay).inClusterUrlsPointAtServices()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void referencesPointAtExistingKeys(String overlay) {
        assertThat(checks(overlay).referencesPointAtExistingKeys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void issuerIsConsistent(String overlay) {
        assertThat(checks(overlay).issuerIsConsistent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void noRealLookingSecrets(String overlay) {
        assertThat(checks(overlay).noRealLookingSecrets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        assertThat(checks(overlay).onlyTheGatewayIsReachableFromOutside()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void servicesTalkOnlyToTheirPeers(String overlay) {
        assertThat(checks(overlay).servicesTalkOnlyToTheirPeers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void kafkaUsersWriteOnlyTheirOwnTopics(String overlay) {
        assertThat(checks(overlay).kafkaUsersWriteOnlyTheirOwnTopics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "prod" })
    void mongoUsersMatchTheServices(String overlay) {
        assertThat(checks(overlay).mongoUsersMatchTheServices()).isEmpty();
    }

    @Test
    void prodTopicsSurviveABrokerLoss() {
        assertThat(checks("prod").everyTopicHasAKafkaTopic(3, 2)).isEmpty();
    }

    @Test
    void localTopicsFitOneBroker() {
        assertThat(checks("local").everyTopicHasAKafkaTopic(1, 1)).isEmpty();
    }

    @Test
    void prodIsRedundantAndSpread() {
        assertThat(checks("prod").productionIsRedundantAndSpread()).isEmpty();
    }

    @Test
    void everyContractTopicAndDeadLetterTopicIsRequired() {
        assertThat(ManifestChecks.requiredTopics())
                .containsAll(dev.shop.contracts.events.Topics.all())
                .contains("shop.dlq.catalog-service.orders")
                .allSatisfy(topic -> assertThat(topic).startsWith("shop."));
    }

    @Test
    void localRunsOneReplicaOfEverything() {
        Manifests manifests = Manifests.of(Overlays.overlay("local"));
        assertThat(manifests.all(Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isOne());
        assertThat(new ManifestChecks(manifests, List.of()).productionIsRedundantAndSpread())
                .as("the local overlay is not production").isNotEmpty();
    }
}
