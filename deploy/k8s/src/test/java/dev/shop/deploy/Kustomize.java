package dev.shop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize this repository uses:
 * {@code resources} (files and directories), {@code components}, {@code namespace}, {@code images} and
 * {@code patches} (strategic merge or JSON 6902, from a file or inline, with an optional {@code target}). Anything
 * else in a kustomization fails the render rather than being ignored, so the result can be trusted on a machine
 * without kubectl; where kubectl exists the tests compare both renders.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components", "namespace",
            "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private Kustomize() {
    }

    /** The resources a kustomization directory renders to, in kustomize's order of accumulation. */
    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = kustomization(directory);
        if ("Component".equals(kustomization.get("kind"))) {
            throw new IllegalArgumentException(directory + " is a component; render the kustomization using it");
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        apply(directory, kustomization, resources);
        return resources;
    }

    private static void apply(Path directory, Map<String, Object> kustomization, List<Map<String, Object>> resources) {
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + key
                        + "' is not supported by this renderer");
            }
        }
        for (Object entry : Yaml.list(kustomization.get("resources"))) {
            Path path = directory.resolve(entry.toString()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                Yaml.readAll(path).forEach(resources::add);
            }
        }
        for (Object entry : Yaml.list(kustomization.get("components"))) {
            Path path = directory.resolve(entry.toString()).normalize();
            Map<String, Object> component = kustomization(path);
            if (!"Component".equals(component.get("kind"))) {
                throw new IllegalArgumentException(path + " is listed as a component but is a " + component.get("kind"));
            }
            apply(path, component, resources);
        }
        for (Object entry : Yaml.list(kustomization.get("patches"))) {
            patch(directory, Yaml.map(entry), resources);
        }
        for (Object entry : Yaml.list(kustomization.get("images"))) {
            Map<String, Object> image = Yaml.map(entry);
            resources.forEach(resource -> Patches.setImages(resource, image));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.get("kind"))) {
                    Patches.metadata(resource).put("namespace", namespace.toString());
                }
            }
        }
    }

    private static void patch(Path directory, Map<String, Object> entry, List<Map<String, Object>> resources) {
        for (String key : entry.keySet()) {
            if (!Set.of("path", "patch", "target").contains(key)) {
                throw new IllegalArgumentException(directory + ": patch field '" + key + "' is not supported");
            }
        }
        String text;
        try {
            text = entry.containsKey("path") ? Files.readString(directory.resolve(entry.get("path").toString()))
                    : entry.get("patch").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Object> target = Yaml.map(entry.get("target"));
        Object parsed = Yaml.read(text);
        if (parsed instanceof List<?> operations) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException(directory + ": a JSON 6902 patch needs a target");
            }
            List<Map<String, Object>> matched = select(resources, target);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException(directory + ": patch target " + target + " matches nothing");
            }
            matched.forEach(resource -> Patches.json6902(resource, Yaml.list(operations)));
            return;
        }
        for (Map<String, Object> document : Yaml.readAll(text)) {
            List<Map<String, Object>> matched = target.isEmpty()
                    ? select(resources, Map.of("kind", document.get("kind"),
                            "name", "^" + Pattern.quote(Yaml.string(document, "metadata", "name")) + "$"))
                    : select(resources, target);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException(directory + ": patch of " + document.get("kind") + "/"
                        + Yaml.string(document, "metadata", "name") + " matches no resource");
            }
            for (Map<String, Object> resource : matched) {
                Map<String, Object> patch = Yaml.copy(document);
                if (!target.isEmpty()) {
                    // With a target, the patch's own name (if any) does not rename the resource.
                    Patches.metadata(patch).remove("name");
                }
                Patches.strategicMerge(resource, patch);
            }
        }
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> resources, Map<String, Object> target) {
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name", "group", "version").contains(key)) {
                throw new IllegalArgumentException("patch target field '" + key + "' is not supported");
            }
        }
        List<Map<String, Object>> matched = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            String apiVersion = String.valueOf(resource.get("apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            if (target.containsKey("kind") && !target.get("kind").equals(resource.get("kind"))) {
                continue;
            }
            if (target.containsKey("group") && !target.get("group").equals(group)) {
                continue;
            }
            if (target.containsKey("version") && !target.get("version").equals(version)) {
                continue;
            }
            if (target.containsKey("name") && !Pattern.compile(target.get("name").toString())
                    .matcher(String.valueOf(Yaml.string(resource, "metadata", "name"))).find()) {
                continue;
            }
            matched.add(resource);
        }
        return matched;
    }

    private static Map<String, Object> kustomization(Path directory) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                List<Map<String, Object>> documents = Yaml.readAll(file);
                if (documents.size() != 1) {
                    throw new IllegalArgumentException(file + " must hold one document");
                }
                return documents.get(0);
            }
        }
        throw new IllegalArgumentException("No kustomization in " + directory);
    }
}
