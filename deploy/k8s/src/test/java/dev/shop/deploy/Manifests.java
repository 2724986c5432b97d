package dev.shop.deploy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * A rendered overlay as typed objects: every document is bound to the model class of its {@code apiVersion} and
 * {@code kind} (fabric8's Kubernetes model, Strimzi's model of its resources), and a field the model does not know —
 * a typo, a wrong indentation — is an error instead of being carried along silently.
 */
final class Manifests {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    final List<Map<String, Object>> documents;
    final List<Object> objects = new ArrayList<>();

    Manifests(List<Map<String, Object>> documents) {
        this.documents = documents;
        for (Map<String, Object> document : documents) {
            objects.add(bind(document));
        }
    }

    static Manifests of(Path kustomization) {
        return new Manifests(Kustomize.render(kustomization));
    }

    /** Binds one document to its model class; throws naming the document and the offending field. */
    static Object bind(Map<String, Object> document) {
        String key = document.get("apiVersion") + "/" + document.get("kind");
        Class<?> type = KINDS.get(key);
        String name = key + " " + Yaml.string(document, "metadata", "name");
        if (type == null) {
            throw new IllegalArgumentException(name + ": no model for this kind (add it to Manifests.KINDS)");
        }
        Object bound;
        try {
            bound = MAPPER.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(bound, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": fields the model does not know: " + unknown);
        }
        return bound;
    }

    /** fabric8 and Strimzi models keep unknown fields in additionalProperties instead of failing: find them. */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String field = method.getName().substring(3);
            if (field.equals("AdditionalProperties") && value instanceof Map<?, ?> extra) {
                if (!extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
                continue;
            }
            unknownFields(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), unknown,
                    seen);
        }
    }

    /** The documents of a kind, as their model class. */
    <T> List<T> all(Class<T> type) {
        List<T> matches = new ArrayList<>();
        for (Object object : objects) {
            if (type.isInstance(object)) {
                matches.add(type.cast(object));
            }
        }
        return matches;
    }

    <T> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(nameOf(o))).findFirst();
    }

    static String nameOf(Object object) {
        if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata resource) {
            return resource.getMetadata().getName();
        }
        throw new IllegalArgumentException("not a resource: " + object);
    }
}
