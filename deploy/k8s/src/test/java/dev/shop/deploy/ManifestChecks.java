package dev.shop.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.shop.contracts.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.common.Rack;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

/**
 * The rules a rendered overlay must satisfy. Each check returns its violations (empty when the manifests are right),
 * so a test can both assert a clean overlay and prove, on a deliberately broken copy, that the check notices.
 */
final class ManifestChecks {

    /** Who may call whom over HTTP: every service is called by the gateway; besides that, the calls of the code. */
    static final Map<String, Set<String>> CALLERS = Map.of(
            "gateway", Set.of(),
            "auth-service", Set.of("gateway", "catalog-service", "cart-service", "order-service", "admin-service"),
            "catalog-service", Set.of("gateway", "cart-service", "order-service", "admin-service"),
            "cart-service", Set.of("gateway", "order-service"),
            "order-service", Set.of("gateway", "admin-service"),
            "admin-service", Set.of("gateway"));

    /** The topics each workload produces (the owning service of each topic in platform/contracts' Topics). */
    static final Map<String, Set<String>> OWN_TOPICS = Map.of(
            "gateway", Set.of(),
            "auth-service", Set.of(Topics.IDENTITY_USERS, Topics.IDENTITY_SESSIONS),
            "catalog-service", Set.of(Topics.CATALOG_PRODUCTS, Topics.CATALOG_INVENTORY),
            "cart-service", Set.of(),
            "order-service", Set.of(Topics.ORDERS),
            "admin-service", Set.of(Topics.ADMIN_AUDIT));

    /** Workloads that call providers on the internet (OTP by SMS, card payments), over HTTPS only. */
    static final Set<String> EXTERNAL_HTTPS = Set.of("auth-service", "order-service");

    static final String INGRESS_NAMESPACE = "ingress-nginx";
    static final String MONITORING_NAMESPACE = "monitoring";
    static final String GATEWAY = "gateway";

    private static final Pattern PLACEHOLDER = Pattern.compile("^<[^<>]+>$");
    private static final Pattern CREDENTIALS_IN_URL = Pattern.compile("://[^/@\\s:]+:[^/@\\s]+@");
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9+/_=-]{24,}");
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE|HASH_KEY");
    private static final Pattern IN_CLUSTER_URL = Pattern.compile("^https?://([a-z0-9-]+)(?::(\\d+))?(/.*)?$");

    private final Manifests manifests;
    private final List<Secret> secretTemplates;

    ManifestChecks(Manifests manifests, List<Secret> secretTemplates) {
        this.manifests = manifests;
        this.secretTemplates = secretTemplates;
    }

    static List<Secret> secretTemplates(Path file) {
        return Yaml.readAll(file).stream().map(d -> (Secret) Manifests.bind(d)).toList();
    }

    // ---------------------------------------------------------------------------------------------- workloads

    record Workload(String kind, String name, PodTemplateSpec template, LabelSelector selector) {
        Map<String, String> labels() {
            return template.getMetadata().getLabels();
        }

        PodSpec pod() {
            return template.getSpec();
        }
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : manifests.all(Deployment.class)) {
            workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate(),
                    d.getSpec().getSelector()));
        }
        for (StatefulSet s : manifests.all(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate(),
                    s.getSpec().getSelector()));
        }
        return workloads;
    }

    /** Every workload is hardened, sized and probed; Deployments shut down gracefully. */
    List<String> workloadsAreHardenedSizedAndProbed() {
        List<String> violations = new ArrayList<>();
        Set<String> accounts = manifests.all(ServiceAccount.class).stream().map(Manifests::nameOf)
                .collect(Collectors.toSet());
        for (Workload w : workloads()) {
            String at = w.kind() + "/" + w.name();
            PodSpec pod = w.pod();
            if (!matches(w.selector(), w.labels())) {
                violations.add(at + ": selector does not match its own pod template");
            }
            var podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
                violations.add(at + ": pod securityContext.runAsNonRoot is not true");
            } else {
                if (Long.valueOf(0).equals(podSecurity.getRunAsUser())) {
                    violations.add(at + ": runs as uid 0");
                }
                if (podSecurity.getSeccompProfile() == null
                        || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
                    violations.add(at + ": no RuntimeDefault seccomp profile");
                }
            }
            if (pod.getServiceAccountName() == null || !accounts.contains(pod.getServiceAccountName())) {
                violations.add(at + ": service account " + pod.getServiceAccountName() + " does not exist");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                violations.add(at + ": mounts a service account token it does not need");
            }
            List<Container> all = new ArrayList<>(pod.getContainers());
            all.addAll(pod.getInitContainers());
            for (Container c : all) {
                String where = at + " container " + c.getName();
                var sc = c.getSecurityContext();
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    violations.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    violations.add(where + ": root filesystem is not read-only");
                }
                if (sc == null || sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
                    violations.add(where + ": capabilities are not all dropped");
                }
                if (sc != null && Long.valueOf(0).equals(sc.getRunAsUser())) {
                    violations.add(where + ": runs as uid 0");
                }
                var resources = c.getResources();
                for (String resource : List.of("cpu", "memory")) {
                    if (resources == null || resources.getRequests() == null
                            || !resources.getRequests().containsKey(resource)) {
                        violations.add(where + ": no " + resource + " request");
                    }
                    if (resources == null || resources.getLimits() == null
                            || !resources.getLimits().containsKey(resource)) {
                        violations.add(where + ": no " + resource + " limit");
                    }
                }
                String image = c.getImage();
                if (image == null || !image.substring(image.lastIndexOf('/') + 1).contains(":")
                        || image.endsWith(":latest")) {
                    violations.add(where + ": image " + image + " has no fixed tag");
                }
            }
            for (Container c : pod.getContainers()) {
                String where = at + " container " + c.getName();
                if (w.kind().equals("Deployment")) {
                    checkHttpProbe(violations, where, "startup", c.getStartupProbe(), "/q/health/started", c);
                    checkHttpProbe(violations, where, "liveness", c.getLivenessProbe(), "/q/health/live", c);
                    checkHttpProbe(violations, where, "readiness", c.getReadinessProbe(), "/q/health/ready", c);
                    if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
                        violations.add(where + ": no preStop pause for a graceful shutdown");
                    }
                } else if (!c.getName().equals("bootstrap")
                        && (c.getLivenessProbe() == null || c.getReadinessProbe() == null)) {
                    violations.add(where + ": no liveness or readiness probe");
                }
            }
            if (w.kind().equals("Deployment")
                    && (pod.getTerminationGracePeriodSeconds() == null || pod.getTerminationGracePeriodSeconds() < 30)) {
                violations.add(at + ": terminationGracePeriodSeconds must leave time for the pause and the drain");
            }
        }
        return violations;
    }

    private static void checkHttpProbe(List<String> violations, String where, String kind, Probe probe, String path,
            Container c) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(where + ": no HTTP " + kind + " probe");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": " + kind + " probe on " + probe.getHttpGet().getPath() + ", expected " + path);
        }
        if (!hasPort(c, probe.getHttpGet().getPort())) {
            violations.add(where + ": " + kind + " probe port " + probe.getHttpGet().getPort() + " is not declared");
        }
    }

    private static boolean hasPort(Container c, IntOrString port) {
        for (ContainerPort p : c.getPorts()) {
            if (port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                    : port.getIntVal().equals(p.getContainerPort())) {
                return true;
            }
        }
        return false;
    }

    /** Stateless components scale and survive voluntary disruptions: an HPA and a PDB for every Deployment. */
    List<String> deploymentsHaveAutoscalersAndDisruptionBudgets() {
        List<String> violations = new ArrayList<>();
        for (Workload w : workloads()) {
            boolean budget = manifests.all(PodDisruptionBudget.class).stream()
                    .anyMatch(p -> matches(p.getSpec().getSelector(), w.labels()));
            if (!budget) {
                violations.add(w.kind() + "/" + w.name() + ": no PodDisruptionBudget selects it");
            }
            if (!w.kind().equals("Deployment")) {
                continue;
            }
            List<HorizontalPodAutoscaler> hpas = manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                            && w.name().equals(h.getSpec().getScaleTargetRef().getName()))
                    .toList();
            if (hpas.size() != 1) {
                violations.add("Deployment/" + w.name() + ": " + hpas.size() + " autoscalers target it, expected 1");
                continue;
            }
            var spec = hpas.get(0).getSpec();
            if (spec.getMinReplicas() == null || spec.getMinReplicas() < 1 || spec.getMaxReplicas() < spec.getMinReplicas()) {
                violations.add("HorizontalPodAutoscaler/" + w.name() + ": bounds " + spec.getMinReplicas() + ".."
                        + spec.getMaxReplicas());
            }
        }
        for (HorizontalPodAutoscaler h : manifests.all(HorizontalPodAutoscaler.class)) {
            String target = h.getSpec().getScaleTargetRef().getName();
            if (manifests.named(Deployment.class, target).isEmpty()) {
                violations.add("HorizontalPodAutoscaler/" + Manifests.nameOf(h) + ": targets missing " + target);
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------- services

    /** Every Service selects the pods of an existing workload and targets ports they declare. */
    List<String> servicesSelectExistingWorkloads() {
        List<String> violations = new ArrayList<>();
        for (Service s : manifests.all(Service.class)) {
            String at = "Service/" + Manifests.nameOf(s);
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                violations.add(at + ": no selector");
                continue;
            }
            List<Workload> selected = workloads().stream()
                    .filter(w -> w.labels().entrySet().containsAll(selector.entrySet())).toList();
            if (selected.isEmpty()) {
                violations.add(at + ": selects no Deployment or StatefulSet");
                continue;
            }
            String type = s.getSpec().getType();
            if (type != null && !type.equals("ClusterIP")) {
                violations.add(at + ": type " + type + " exposes it outside the cluster; only the Ingress may");
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort())
                        : port.getTargetPort();
                for (Workload w : selected) {
                    boolean declared = w.pod().getContainers().stream().anyMatch(c -> hasPort(c, target));
                    if (!declared) {
                        violations.add(at + ": port " + port.getName() + " targets " + target.getValue()
                                + ", which " + w.name() + " does not declare");
                    }
                }
            }
        }
        for (Workload w : workloads()) {
            if (w.kind().equals("StatefulSet")) {
                String serviceName = manifests.named(StatefulSet.class, w.name()).orElseThrow().getSpec()
                        .getServiceName();
                if (manifests.named(Service.class, serviceName).isEmpty()) {
                    violations.add("StatefulSet/" + w.name() + ": governing Service " + serviceName + " is missing");
                }
            }
        }
        return violations;
    }

    /** In-cluster URLs in configuration (upstreams, REST clients, JWKS, OIDC) point at a Service and one of its ports. */
    List<String> inClusterUrlsPointAtServices() {
        List<String> violations = new ArrayList<>();
        for (ConfigMap cm : manifests.all(ConfigMap.class)) {
            if (cm.getData() == null) {
                continue;
            }
            cm.getData().forEach((key, value) -> {
                Matcher m = IN_CLUSTER_URL.matcher(value);
                if (!m.matches()) {
                    return;
                }
                String at = "ConfigMap/" + Manifests.nameOf(cm) + " " + key + "=" + value;
                Optional<Service> service = manifests.named(Service.class, m.group(1));
                if (service.isEmpty()) {
                    violations.add(at + ": no Service " + m.group(1));
                    return;
                }
                int port = m.group(2) == null ? (value.startsWith("https") ? 443 : 80) : Integer.parseInt(m.group(2));
                if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)) {
                    violations.add(at + ": Service " + m.group(1) + " has no port " + port);
                }
            });
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------- references

    /** Every ConfigMap or Secret a workload reads from (env, envFrom, volumes) exists with the key it names. */
    List<String> referencesPointAtExistingKeys() {
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (ConfigMap cm : manifests.all(ConfigMap.class)) {
            configMaps.put(Manifests.nameOf(cm), cm.getData() == null ? Set.of() : cm.getData().keySet());
        }
        Map<String, Set<String>> secrets = knownSecrets();
        List<String> violations = new ArrayList<>();
        for (Workload w : workloads()) {
            String at = w.kind() + "/" + w.name();
            List<Container> all = new ArrayList<>(w.pod().getContainers());
            all.addAll(w.pod().getInitContainers());
            for (Container c : all) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cmRef = env.getValueFrom().getConfigMapKeyRef();
                    var secretRef = env.getValueFrom().getSecretKeyRef();
                    if (cmRef != null) {
                        checkKey(violations, at, env.getName(), "ConfigMap", configMaps, cmRef.getName(),
                                cmRef.getKey());
                    }
                    if (secretRef != null) {
                        checkKey(violations, at, env.getName(), "Secret", secrets, secretRef.getName(),
                                secretRef.getKey());
                    }
                }
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.containsKey(from.getConfigMapRef().getName())) {
                        violations.add(at + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is missing");
                    }
                    if (from.getSecretRef() != null && !secrets.containsKey(from.getSecretRef().getName())) {
                        violations.add(at + ": envFrom Secret " + from.getSecretRef().getName() + " is missing");
                    }
                }
            }
            for (Volume v : w.pod().getVolumes()) {
                if (v.getConfigMap() != null) {
                    checkItems(violations, at, v.getName(), "ConfigMap", configMaps, v.getConfigMap().getName(),
                            v.getConfigMap().getItems());
                }
                if (v.getSecret() != null) {
                    checkItems(violations, at, v.getName(), "Secret", secrets, v.getSecret().getSecretName(),
                            v.getSecret().getItems());
                }
            }
        }
        return violations;
    }

    /** Secrets by name and keys: the templates, and those Strimzi's operators write for the Kafka resources. */
    Map<String, Set<String>> knownSecrets() {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Secret s : secretTemplates) {
            Set<String> keys = new HashSet<>();
            if (s.getStringData() != null) {
                keys.addAll(s.getStringData().keySet());
            }
            if (s.getData() != null) {
                keys.addAll(s.getData().keySet());
            }
            secrets.put(Manifests.nameOf(s), keys);
        }
        for (Secret s : manifests.all(Secret.class)) {
            secrets.put(Manifests.nameOf(s), new HashSet<>(s.getData() == null ? Set.of() : s.getData().keySet()));
        }
        for (KafkaUser user : manifests.all(KafkaUser.class)) {
            secrets.put(Manifests.nameOf(user), Set.of("password", "sasl.jaas.config"));
        }
        for (Kafka kafka : manifests.all(Kafka.class)) {
            secrets.put(Manifests.nameOf(kafka) + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        return secrets;
    }

    private static void checkKey(List<String> violations, String at, String env, String kind,
            Map<String, Set<String>> known, String name, String key) {
        if (!known.containsKey(name)) {
            violations.add(at + ": " + env + " reads " + kind + " " + name + ", which does not exist");
        } else if (!known.get(name).contains(key)) {
            violations.add(at + ": " + env + " reads key " + key + " of " + kind + " " + name + ", which has "
                    + new TreeSet<>(known.get(name)));
        }
    }

    private static void checkItems(List<String> violations, String at, String volume, String kind,
            Map<String, Set<String>> known, String name, List<KeyToPath> items) {
        if (!known.containsKey(name)) {
            violations.add(at + ": volume " + volume + " mounts " + kind + " " + name + ", which does not exist");
            return;
        }
        for (KeyToPath item : items) {
            if (!known.get(name).contains(item.getKey())) {
                violations.add(at + ": volume " + volume + " mounts key " + item.getKey() + " of " + kind + " " + name
                        + ", which has " + new TreeSet<>(known.get(name)));
            }
        }
    }

    /** Issuer and verifiers agree: auth-service signs with the issuer every service and the gateway expect. */
    List<String> issuerIsConsistent() {
        List<String> violations = new ArrayList<>();
        String issuer = data("auth-service-config", "SHOP_AUTH_ISSUER");
        String expected = data("shop-platform", "MP_JWT_VERIFY_ISSUER");
        if (issuer == null || !issuer.equals(expected)) {
            violations.add("auth-service signs with issuer " + issuer + " but services verify " + expected);
        }
        return violations;
    }

    private String data(String configMap, String key) {
        return manifests.named(ConfigMap.class, configMap).map(cm -> cm.getData().get(key)).orElse(null);
    }

    // ---------------------------------------------------------------------------------------------- secrets

    /** No secret value is committed: templates hold placeholders only, and nothing secret hides in plain config. */
    List<String> noRealLookingSecrets() {
        List<String> violations = new ArrayList<>();
        List<Secret> all = new ArrayList<>(secretTemplates);
        all.addAll(manifests.all(Secret.class));
        for (Secret s : all) {
            Map<String, String> values = new LinkedHashMap<>();
            if (s.getStringData() != null) {
                values.putAll(s.getStringData());
            }
            if (s.getData() != null) {
                values.putAll(s.getData());
            }
            values.forEach((key, value) -> {
                if (!PLACEHOLDER.matcher(value.strip()).matches()) {
                    violations.add("Secret/" + Manifests.nameOf(s) + " key " + key
                            + " holds a value instead of a <placeholder>");
                }
            });
        }
        for (ConfigMap cm : manifests.all(ConfigMap.class)) {
            if (cm.getData() != null) {
                cm.getData().forEach((key, value) -> checkPlain(violations, "ConfigMap/" + Manifests.nameOf(cm), key,
                        value, cm.getMetadata().getName().equals("mongodb-scripts")));
            }
        }
        for (Workload w : workloads()) {
            List<Container> all2 = new ArrayList<>(w.pod().getContainers());
            all2.addAll(w.pod().getInitContainers());
            for (Container c : all2) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValue() != null) {
                        checkPlain(violations, w.kind() + "/" + w.name(), env.getName(), env.getValue(), false);
                    }
                }
            }
        }
        return violations;
    }

    private static void checkPlain(List<String> violations, String at, String key, String value, boolean script) {
        if (value.contains("-----BEGIN")) {
            violations.add(at + " " + key + ": holds a PEM block");
        }
        if (CREDENTIALS_IN_URL.matcher(value).find()) {
            violations.add(at + " " + key + ": a URL with credentials");
        }
        if (!script && SECRET_NAME.matcher(key.toUpperCase()).find()) {
            violations.add(at + " " + key + ": looks like a secret; read it from a Secret");
        }
        if (!script) {
            Matcher m = TOKEN_LIKE.matcher(value);
            while (m.find()) {
                String token = m.group();
                boolean mixed = token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isUpperCase)
                        && token.chars().anyMatch(Character::isLowerCase);
                if (mixed) {
                    violations.add(at + " " + key + ": holds a token-like value " + token.substring(0, 4) + "…");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- network

    /** A peer a rule admits: pods of this namespace (by selector), or anything outside it. */
    record Peer(LabelSelector pods, String namespace, boolean outside) {
    }

    /** Only the gateway is reachable from outside the namespace, and only from the ingress controller. */
    List<String> onlyTheGatewayIsReachableFromOutside() {
        List<String> violations = new ArrayList<>();
        boolean defaultDeny = manifests.all(NetworkPolicy.class).stream().anyMatch(p -> {
            var spec = p.getSpec();
            return spec.getPodSelector() != null && isEmpty(spec.getPodSelector())
                    && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                    && spec.getIngress().isEmpty() && spec.getEgress().isEmpty();
        });
        if (!defaultDeny) {
            violations.add("no default-deny NetworkPolicy (all pods, Ingress and Egress, no rules)");
        }
        for (Workload w : workloads()) {
            for (NetworkPolicy p : policiesFor(w, "Ingress")) {
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    List<String> ports = portNames(rule.getPorts(), w);
                    for (Peer peer : peers(rule.getFrom())) {
                        if (!peer.outside()) {
                            continue;
                        }
                        boolean ingressController = w.name().equals(GATEWAY)
                                && INGRESS_NAMESPACE.equals(peer.namespace()) && ports.equals(List.of("http"));
                        boolean scraping = MONITORING_NAMESPACE.equals(peer.namespace())
                                && ports.equals(List.of("management"));
                        if (!ingressController && !scraping) {
                            violations.add(w.kind() + "/" + w.name() + ": NetworkPolicy " + Manifests.nameOf(p)
                                    + " admits " + (peer.namespace() == null ? "any address or namespace"
                                            : "namespace " + peer.namespace())
                                    + " on " + (ports.isEmpty() ? "every port" : ports));
                        }
                    }
                }
            }
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            var spec = ingress.getSpec();
            if (spec.getDefaultBackend() != null) {
                violations.add("Ingress/" + Manifests.nameOf(ingress) + ": has a default backend");
            }
            spec.getRules().forEach(r -> r.getHttp().getPaths().forEach(path -> {
                String service = path.getBackend().getService().getName();
                if (!service.equals(GATEWAY)) {
                    violations.add("Ingress/" + Manifests.nameOf(ingress) + ": routes " + path.getPath() + " to "
                            + service);
                }
            }));
        }
        for (Kafka kafka : manifests.all(Kafka.class)) {
            for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
                String at = "Kafka/" + Manifests.nameOf(kafka) + " listener " + listener.getName();
                if (listener.getType() != KafkaListenerType.INTERNAL) {
                    violations.add(at + ": type " + listener.getType() + " is reachable from outside the cluster");
                }
                if (listener.getNetworkPolicyPeers() == null || listener.getNetworkPolicyPeers().isEmpty()) {
                    violations.add(at + ": no networkPolicyPeers, so every pod may connect");
                } else if (listener.getNetworkPolicyPeers().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null)) {
                    violations.add(at + ": admits peers outside the namespace");
                }
            }
        }
        return violations;
    }

    /** Each service accepts HTTP only from the gateway and the services that call it, and calls only those it needs. */
    List<String> servicesTalkOnlyToTheirPeers() {
        List<String> violations = new ArrayList<>();
        Map<String, Set<String>> calls = new TreeMap<>();
        CALLERS.forEach((callee, callers) -> callers.forEach(c -> calls.computeIfAbsent(c, k -> new TreeSet<>())
                .add(callee)));
        for (Workload w : workloads()) {
            if (!CALLERS.containsKey(w.name())) {
                continue;
            }
            Set<String> admitted = new TreeSet<>();
            for (NetworkPolicy p : policiesFor(w, "Ingress")) {
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    if (!portNames(rule.getPorts(), w).contains("http") && !rule.getPorts().isEmpty()) {
                        continue;
                    }
                    for (Peer peer : peers(rule.getFrom())) {
                        if (!peer.outside()) {
                            workloads().stream().filter(o -> matches(peer.pods(), o.labels()))
                                    .forEach(o -> admitted.add(o.name()));
                        }
                    }
                }
            }
            if (!admitted.equals(new TreeSet<>(CALLERS.get(w.name())))) {
                violations.add(w.name() + " accepts HTTP from " + admitted + ", expected " + new TreeSet<>(
                        CALLERS.get(w.name())));
            }
            Set<String> reached = new TreeSet<>();
            boolean internet = false;
            for (NetworkPolicy p : policiesFor(w, "Egress")) {
                for (var rule : p.getSpec().getEgress()) {
                    for (Peer peer : peers(rule.getTo())) {
                        if (peer.outside() && peer.namespace() == null) {
                            internet = true;
                            List<String> ports = rule.getPorts().stream().map(port -> port.getPort().getValue()
                                    .toString()).toList();
                            if (!ports.equals(List.of("443"))) {
                                violations.add(w.name() + ": egress to any address on " + ports + ", only 443 allowed");
                            }
                        } else if (!peer.outside()) {
                            List<String> ports = rule.getPorts().stream()
                                    .map(port -> port.getPort().getValue().toString()).toList();
                            if (ports.contains("http")) {
                                workloads().stream().filter(o -> matches(peer.pods(), o.labels()))
                                        .forEach(o -> reached.add(o.name()));
                            }
                        }
                    }
                }
            }
            Set<String> expected = calls.getOrDefault(w.name(), Set.of());
            if (!reached.equals(expected)) {
                violations.add(w.name() + " may call " + reached + ", expected " + expected);
            }
            if (internet != EXTERNAL_HTTPS.contains(w.name())) {
                violations.add(w.name() + (internet ? " may reach the internet" : " cannot reach its providers"));
            }
        }
        return violations;
    }

    private List<NetworkPolicy> policiesFor(Workload w, String type) {
        return manifests.all(NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .filter(p -> matches(p.getSpec().getPodSelector(), w.labels()))
                .toList();
    }

    private static List<Peer> peers(List<NetworkPolicyPeer> from) {
        if (from == null || from.isEmpty()) {
            return List.of(new Peer(null, null, true));
        }
        List<Peer> peers = new ArrayList<>();
        for (NetworkPolicyPeer peer : from) {
            if (peer.getIpBlock() != null) {
                peers.add(new Peer(null, null, true));
            } else if (peer.getNamespaceSelector() != null) {
                Map<String, String> labels = peer.getNamespaceSelector().getMatchLabels();
                String namespace = labels == null ? null : labels.get("kubernetes.io/metadata.name");
                boolean exact = namespace != null && labels.size() == 1
                        && peer.getNamespaceSelector().getMatchExpressions().isEmpty();
                peers.add(new Peer(peer.getPodSelector(), exact ? namespace : null, true));
            } else {
                peers.add(new Peer(peer.getPodSelector(), null, false));
            }
        }
        return peers;
    }

    /** Rule ports as the pod's port names where they resolve (numbers of a declared port become its name). */
    private static List<String> portNames(List<NetworkPolicyPort> ports, Workload w) {
        List<String> names = new ArrayList<>();
        for (NetworkPolicyPort port : ports) {
            IntOrString value = port.getPort();
            String name = value == null ? "*" : value.getStrVal();
            if (value != null && name == null) {
                name = w.pod().getContainers().stream().flatMap(c -> c.getPorts().stream())
                        .filter(p -> p.getContainerPort().equals(value.getIntVal())).map(ContainerPort::getName)
                        .filter(Objects::nonNull).findFirst().orElse(String.valueOf(value.getIntVal()));
            }
            names.add(name);
        }
        return names;
    }

    static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalArgumentException("operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- kafka

    /** Topic names the shop uses: the contracts' topics, the services' channels and their dead-letter topics. */
    static Set<String> requiredTopics() {
        Set<String> topics = new TreeSet<>(Topics.all());
        for (ServiceConfigs.Incoming in : ServiceConfigs.incoming()) {
            if (!in.pattern()) {
                topics.add(in.topic());
            }
            if (in.deadLetterTopic() != null) {
                topics.add(in.deadLetterTopic());
            }
        }
        for (ServiceConfigs.Outgoing out : ServiceConfigs.outgoing()) {
            if (!out.channel().equals("shop-outbox")) {
                topics.add(out.topic());
            }
        }
        return topics;
    }

    /** Every topic has a KafkaTopic with enough replicas for the brokers there are, and a retention or compaction. */
    List<String> everyTopicHasAKafkaTopic(int expectedReplicas, int expectedMinInsync) {
        List<String> violations = new ArrayList<>();
        Map<String, KafkaTopic> byName = new HashMap<>();
        for (KafkaTopic t : manifests.all(KafkaTopic.class)) {
            String name = t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : Manifests.nameOf(t);
            if (byName.put(name, t) != null) {
                violations.add("topic " + name + " is declared twice");
            }
        }
        for (String topic : requiredTopics()) {
            if (!byName.containsKey(topic)) {
                violations.add("topic " + topic + " has no KafkaTopic");
            }
        }
        int brokers = manifests.all(KafkaNodePool.class).stream()
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        byName.forEach((name, t) -> {
            var spec = t.getSpec();
            Map<String, Object> config = spec.getConfig() == null ? Map.of() : spec.getConfig();
            if (spec.getReplicas() == null || spec.getReplicas() != expectedReplicas) {
                violations.add("topic " + name + ": replicas " + spec.getReplicas() + ", expected " + expectedReplicas);
            }
            if (spec.getReplicas() != null && spec.getReplicas() > brokers) {
                violations.add("topic " + name + ": " + spec.getReplicas() + " replicas but " + brokers + " brokers");
            }
            Object minInsync = config.get("min.insync.replicas");
            if (minInsync == null || Integer.parseInt(minInsync.toString()) != expectedMinInsync) {
                violations.add("topic " + name + ": min.insync.replicas " + minInsync + ", expected " + expectedMinInsync);
            }
            if (spec.getPartitions() == null || spec.getPartitions() < 1) {
                violations.add("topic " + name + ": no partition count");
            }
            if (!config.containsKey("retention.ms") && !"compact".equals(config.get("cleanup.policy"))) {
                violations.add("topic " + name + ": neither a retention nor compaction");
            }
            if (!Objects.equals(t.getMetadata().getLabels().get("strimzi.io/cluster"), kafkaName())) {
                violations.add("topic " + name + ": not labelled for the Kafka cluster " + kafkaName());
            }
        });
        return violations;
    }

    private String kafkaName() {
        return manifests.all(Kafka.class).stream().map(Manifests::nameOf).findFirst().orElse(null);
    }

    /** Each workload's user writes only its own topics (and dead letters) and can read every topic it consumes. */
    List<String> kafkaUsersWriteOnlyTheirOwnTopics() {
        List<String> violations = new ArrayList<>();
        for (String workload : ServiceConfigs.WORKLOADS.keySet()) {
            Optional<KafkaUser> user = manifests.named(KafkaUser.class, workload);
            if (user.isEmpty()) {
                violations.add("workload " + workload + " has no KafkaUser");
                continue;
            }
            if (!(user.get().getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
                violations.add("KafkaUser/" + workload + ": no simple authorization (ACLs)");
                continue;
            }
            String ownDeadLetters = "shop.dlq." + workload + ".";
            for (AclRule rule : simple.getAcls()) {
                if (!(rule.getResource() instanceof AclRuleTopicResource topic)) {
                    continue;
                }
                boolean writes = rule.getOperations().stream().anyMatch(op -> Set.of(AclOperation.WRITE,
                        AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER, AclOperation.ALL).contains(op));
                if (!writes) {
                    continue;
                }
                boolean own = topic.getPatternType() == AclResourcePatternType.PREFIX
                        ? topic.getName().startsWith(ownDeadLetters)
                        : OWN_TOPICS.get(workload).contains(topic.getName())
                                || topic.getName().startsWith(ownDeadLetters);
                if (!own) {
                    violations.add("KafkaUser/" + workload + " may write " + topic.getName() + " ("
                            + topic.getPatternType() + "), which it does not own");
                }
            }
            Set<String> mustWrite = new TreeSet<>(OWN_TOPICS.get(workload));
            Set<String> mustRead = new TreeSet<>();
            for (ServiceConfigs.Incoming in : ServiceConfigs.incoming()) {
                if (in.service().equals(workload)) {
                    // A pattern subscription needs read access to everything under its literal beginning.
                    mustRead.add(in.pattern() ? in.literalPrefix() : in.topic());
                    if (in.deadLetterTopic() != null) {
                        mustWrite.add(in.deadLetterTopic());
                    }
                }
            }
            for (String topic : mustWrite) {
                if (!allows(simple, topic, AclOperation.WRITE)) {
                    violations.add("KafkaUser/" + workload + " cannot write " + topic);
                }
            }
            for (String topic : mustRead) {
                if (!allows(simple, topic, AclOperation.READ)) {
                    violations.add("KafkaUser/" + workload + " cannot read " + topic);
                }
            }
        }
        return violations;
    }

    private static boolean allows(KafkaUserAuthorizationSimple acl, String topic, AclOperation operation) {
        return acl.getAcls().stream().anyMatch(rule -> rule.getResource() instanceof AclRuleTopicResource t
                && (t.getPatternType() == AclResourcePatternType.PREFIX ? topic.startsWith(t.getName())
                        : topic.equals(t.getName()))
                && (rule.getOperations().contains(operation) || rule.getOperations().contains(AclOperation.ALL)));
    }

    // ---------------------------------------------------------------------------------------------- mongodb

    /** The replica set, the connection string and the per-service users describe the same thing. */
    List<String> mongoUsersMatchTheServices() {
        List<String> violations = new ArrayList<>();
        StatefulSet mongo = manifests.named(StatefulSet.class, "mongodb").orElse(null);
        if (mongo == null) {
            return List.of("no mongodb StatefulSet");
        }
        int replicas = mongo.getSpec().getReplicas();
        Container bootstrap = mongo.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("bootstrap")).findFirst().orElseThrow();
        Map<String, EnvVar> env = bootstrap.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        if (!String.valueOf(replicas).equals(env.get("MONGO_REPLICAS").getValue())) {
            violations.add("mongodb: " + replicas + " replicas but MONGO_REPLICAS=" + env.get("MONGO_REPLICAS")
                    .getValue());
        }
        String connection = data("shop-platform", "QUARKUS_MONGODB_CONNECTION_STRING");
        String hosts = connection.substring("mongodb://".length(), connection.indexOf('/', "mongodb://".length()));
        Set<String> expectedHosts = new TreeSet<>();
        for (int i = 0; i < replicas; i++) {
            expectedHosts.add("mongodb-" + i + "." + mongo.getSpec().getServiceName() + ":27017");
        }
        if (!new TreeSet<>(List.of(hosts.split(","))).equals(expectedHosts)) {
            violations.add("connection string hosts " + hosts + " are not the members " + expectedHosts);
        }
        Map<String, String[]> users = new HashMap<>();
        for (String entry : env.get("MONGO_SERVICE_USERS").getValue().split(",")) {
            String[] parts = entry.split(":");
            users.put(parts[0], parts);
        }
        ServiceConfigs.databases().forEach((service, database) -> {
            String[] user = users.get(service);
            String configMap = service + "-config";
            if (user == null) {
                violations.add(service + " has no MongoDB user in the bootstrap");
                return;
            }
            if (!user[1].equals(database) || !database.equals(data(configMap, "QUARKUS_MONGODB_DATABASE"))
                    || !database.equals(data(configMap, "QUARKUS_MONGODB_CREDENTIALS_AUTH_SOURCE"))) {
                violations.add(service + ": database " + database + ", bootstrap " + user[1] + ", config "
                        + data(configMap, "QUARKUS_MONGODB_DATABASE"));
            }
            if (!service.equals(data(configMap, "QUARKUS_MONGODB_CREDENTIALS_USERNAME"))) {
                violations.add(service + ": connects as " + data(configMap, "QUARKUS_MONGODB_CREDENTIALS_USERNAME"));
            }
            EnvVar password = env.get(user[2]);
            Deployment deployment = manifests.named(Deployment.class, service).orElseThrow();
            Optional<EnvVar> servicePassword = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getEnv().stream().filter(e -> e.getName().equals("QUARKUS_MONGODB_CREDENTIALS_PASSWORD"))
                    .findFirst();
            if (password == null || servicePassword.isEmpty() || !password.getValueFrom().getSecretKeyRef()
                    .equals(servicePassword.get().getValueFrom().getSecretKeyRef())) {
                violations.add(service + ": its MongoDB password is not the secret the bootstrap sets");
            }
        });
        return violations;
    }

    // ---------------------------------------------------------------------------------------------- prod

    /** What production adds: redundancy, spreading, TLS. */
    List<String> productionIsRedundantAndSpread() {
        List<String> violations = new ArrayList<>();
        Deployment gateway = manifests.named(Deployment.class, GATEWAY).orElseThrow();
        if (gateway.getSpec().getReplicas() < 3) {
            violations.add("gateway runs " + gateway.getSpec().getReplicas() + " replicas, expected 3 or more");
        }
        manifests.named(HorizontalPodAutoscaler.class, GATEWAY).ifPresent(h -> {
            if (h.getSpec().getMinReplicas() < 3) {
                violations.add("gateway autoscaler goes down to " + h.getSpec().getMinReplicas());
            }
        });
        for (Deployment d : manifests.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = Manifests.nameOf(d);
            var affinity = pod.getAffinity();
            if (affinity == null || affinity.getPodAntiAffinity() == null) {
                violations.add("Deployment/" + name + ": no pod anti-affinity");
            }
            if (pod.getTopologySpreadConstraints().stream()
                    .noneMatch(t -> t.getTopologyKey().equals("topology.kubernetes.io/zone"))) {
                violations.add("Deployment/" + name + ": not spread over zones");
            }
            manifests.named(HorizontalPodAutoscaler.class, name).ifPresent(h -> {
                if (h.getSpec().getMinReplicas() < 2) {
                    violations.add("HorizontalPodAutoscaler/" + name + ": may scale down to one replica");
                }
            });
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            Set<String> hosts = ingress.getSpec().getRules().stream().map(r -> r.getHost()).collect(Collectors.toSet());
            Set<String> tls = ingress.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream())
                    .collect(Collectors.toSet());
            if (!tls.containsAll(hosts)) {
                violations.add("Ingress/" + Manifests.nameOf(ingress) + ": hosts without TLS " + hosts);
            }
        }
        for (Kafka kafka : manifests.all(Kafka.class)) {
            Rack rack = kafka.getSpec().getKafka().getRack();
            if (rack == null) {
                violations.add("Kafka/" + Manifests.nameOf(kafka) + ": brokers are not rack (zone) aware");
            }
        }
        long controllers = manifests.all(KafkaNodePool.class).stream()
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        if (controllers < 3) {
            violations.add("KRaft quorum of " + controllers + " controllers, expected 3 or more");
        }
        if (manifests.named(StatefulSet.class, "mongodb").orElseThrow().getSpec().getReplicas() < 3) {
            violations.add("MongoDB replica set with fewer than three members");
        }
        return violations;
    }
}
