package dev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java renderer agrees with kustomize, so the checks see what a cluster would get. */
class KustomizeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "overlays/local", "overlays/prod", "base" })
    void rendersLikeKubectlKustomize(String kustomization) throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH; the Java renderer alone is used");
        Path target = Overlays.k8s().resolve(kustomization);

        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", target.toString())
                .redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", kustomization, err).isZero();

        List<Map<String, Object>> expected = sorted(Yaml.readAll(out));
        List<Map<String, Object>> actual = sorted(Kustomize.render(target));
        assertThat(actual).extracting(KustomizeTest::id).containsExactlyElementsOf(expected.stream()
                .map(KustomizeTest::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(id(expected.get(i))).isEqualTo(expected.get(i));
        }
    }

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndReplacesOtherLists() throws IOException {
        write("base/kustomization.yaml", """
                resources: [deployment.yaml]
                """);
        write("base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: web
                          image: shop/web:1
                          args: [a, b]
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                        - name: sidecar
                          image: shop/sidecar:1
                """);
        write("overlay/kustomization.yaml", """
                namespace: shop
                resources: [../base]
                images: [{name: shop/web, newName: registry.example.com/web, newTag: "2"}]
                patches:
                  - path: patch.yaml
                  - target: {kind: Deployment}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 5
                """);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          args: [c]
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                """);

        Map<String, Object> web = Kustomize.render(dir.resolve("overlay")).get(0);

        assertThat(Yaml.at(web, "metadata", "namespace")).isEqualTo("shop");
        assertThat(Yaml.at(web, "spec", "replicas")).isEqualTo(5);
        List<Object> containers = Yaml.list(Yaml.at(web, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(2);
        Map<String, Object> main = Yaml.map(containers.get(0));
        assertThat(main.get("image")).isEqualTo("registry.example.com/web:2");
        assertThat(main.get("args")).isEqualTo(List.of("c"));
        // As kustomize orders them: the patch's items first, then the ones it leaves alone.
        assertThat(main.get("env")).isEqualTo(List.of(Map.of("name", "B", "value", "3"),
                Map.of("name", "C", "value", "4"), Map.of("name", "A", "value", "1")));
        assertThat(Yaml.map(containers.get(1)).get("image")).isEqualTo("shop/sidecar:1");
    }

    @Test
    void anUnsupportedFieldOrAPatchThatMatchesNothingFailsTheRender() throws IOException {
        write("a/kustomization.yaml", """
                resources: []
                commonLabels: {team: shop}
                """);
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("a"))).hasMessageContaining("commonLabels");

        write("b/kustomization.yaml", """
                resources: []
                patches:
                  - patch: |-
                      apiVersion: v1
                      kind: ConfigMap
                      metadata: {name: missing}
                """);
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("b"))).hasMessageContaining("matches no resource");
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> documents) {
        return documents.stream().sorted(Comparator.comparing(KustomizeTest::id)).toList();
    }

    private static String id(Map<String, Object> d) {
        return d.get("kind") + "/" + Yaml.string(d, "metadata", "namespace") + "/" + Yaml.string(d, "metadata", "name");
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
