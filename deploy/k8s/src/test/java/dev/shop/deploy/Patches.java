package dev.shop.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The patch semantics of kustomize: strategic merge (with Kubernetes' list merge keys), JSON 6902 and images. */
final class Patches {

    /** Kinds whose lists merge by key; for custom resources kustomize replaces lists, as JSON merge patch does. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("v1", "apps/v1", "batch/v1", "autoscaling/v2",
            "policy/v1", "networking.k8s.io/v1");

    private Patches() {
    }

    static Map<String, Object> metadata(Map<String, Object> resource) {
        Object metadata = resource.get("metadata");
        if (!(metadata instanceof Map<?, ?>)) {
            resource.put("metadata", new LinkedHashMap<String, Object>());
        }
        return Yaml.map(resource.get("metadata"));
    }

    static void strategicMerge(Map<String, Object> resource, Map<String, Object> patch) {
        boolean builtIn = BUILT_IN_GROUPS.contains(String.valueOf(resource.get("apiVersion")));
        mergeMaps(resource, patch, builtIn);
    }

    private static void mergeMaps(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("strategic merge directive " + key + " is not supported");
            }
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                mergeMaps(Yaml.map(existing), Yaml.map(value), builtIn);
            } else if (builtIn && existing instanceof List<?> && value instanceof List<?>
                    && mergeKey(key, Yaml.list(value)) != null) {
                target.put(key, mergeLists(Yaml.list(existing), Yaml.list(value), mergeKey(key, Yaml.list(value)),
                        builtIn));
            } else {
                target.put(key, Yaml.copy(value));
            }
        }
    }

    private static String mergeKey(String field, List<Object> items) {
        switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets":
                return "name";
            case "volumeMounts":
                return "mountPath";
            case "topologySpreadConstraints":
                return "topologyKey";
            case "ports":
                return !items.isEmpty() && Yaml.map(items.get(0)).containsKey("containerPort") ? "containerPort"
                        : "port";
            default:
                return null;
        }
    }

    /**
     * kustomize's order: the patch's items first, in the patch's order (each merged into its original, if any), then
     * the original items the patch does not name, in their order.
     */
    private static List<Object> mergeLists(List<Object> existing, List<Object> patch, String key, boolean builtIn) {
        List<Object> merged = new ArrayList<>();
        List<Object> untouched = new ArrayList<>(existing);
        for (Object item : patch) {
            Map<String, Object> patchItem = Yaml.map(item);
            Object id = patchItem.get(key);
            Map<String, Object> match = null;
            for (Object candidate : existing) {
                if (id != null && id.equals(Yaml.map(candidate).get(key))) {
                    match = Yaml.map(candidate);
                }
            }
            if (match == null) {
                merged.add(Yaml.copy(item));
            } else {
                mergeMaps(match, patchItem, builtIn);
                merged.add(match);
                Map<String, Object> done = match;
                untouched.removeIf(original -> original == done);
            }
        }
        merged.addAll(untouched);
        return merged;
    }

    static void json6902(Map<String, Object> resource, List<Object> operations) {
        for (Object entry : operations) {
            Map<String, Object> operation = Yaml.map(entry);
            String op = String.valueOf(operation.get("op"));
            List<String> path = pointer(String.valueOf(operation.get("path")));
            Object parent = resource;
            for (String token : path.subList(0, path.size() - 1)) {
                parent = child(parent, token, operation);
            }
            String last = path.get(path.size() - 1);
            switch (op) {
                case "add", "replace" -> set(parent, last, Yaml.copy(operation.get("value")), op.equals("add"),
                        operation);
                case "remove" -> remove(parent, last, operation);
                default -> throw new IllegalArgumentException("JSON patch operation " + op + " is not supported");
            }
        }
    }

    private static List<String> pointer(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with /: " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static Object child(Object parent, String token, Map<String, Object> operation) {
        Object child = parent instanceof List<?> list ? list.get(Integer.parseInt(token)) : Yaml.map(parent).get(token);
        if (child == null) {
            throw new IllegalArgumentException("JSON patch path does not exist: " + operation);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object parent, String token, Object value, boolean add, Map<String, Object> operation) {
        if (parent instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            if (token.equals("-")) {
                items.add(value);
            } else if (add) {
                items.add(Integer.parseInt(token), value);
            } else {
                items.set(Integer.parseInt(token), value);
            }
            return;
        }
        Map<String, Object> map = (Map<String, Object>) parent;
        if (!add && !map.containsKey(token)) {
            throw new IllegalArgumentException("JSON patch replaces a missing value: " + operation);
        }
        map.put(token, value);
    }

    private static void remove(Object parent, String token, Map<String, Object> operation) {
        if (parent instanceof List<?> list) {
            list.remove(Integer.parseInt(token));
        } else if (Yaml.map(parent).remove(token) == null) {
            throw new IllegalArgumentException("JSON patch removes a missing value: " + operation);
        }
    }

    /** kustomize's {@code images}: rewrites the name and tag of every matching container image. */
    static void setImages(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (("containers".equals(entry.getKey()) || "initContainers".equals(entry.getKey()))
                        && entry.getValue() instanceof List<?> containers) {
                    for (Object container : containers) {
                        rewrite(Yaml.map(container), image);
                    }
                }
                setImages(entry.getValue(), image);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> setImages(item, image));
        }
    }

    private static void rewrite(Map<String, Object> container, Map<String, Object> image) {
        Object current = container.get("image");
        if (current == null) {
            return;
        }
        String reference = current.toString();
        int slash = reference.lastIndexOf('/');
        int colon = reference.indexOf(':', slash + 1);
        String name = colon < 0 ? reference : reference.substring(0, colon);
        String tag = colon < 0 ? null : reference.substring(colon + 1);
        if (!name.equals(image.get("name"))) {
            return;
        }
        String newName = image.containsKey("newName") ? image.get("newName").toString() : name;
        String newTag = image.containsKey("newTag") ? image.get("newTag").toString() : tag;
        container.put("image", newTag == null ? newName : newName + ":" + newTag);
    }
}
