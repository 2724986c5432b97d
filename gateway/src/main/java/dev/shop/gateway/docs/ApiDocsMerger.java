package dev.shop.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.shop.gateway.policy.Access;
import dev.shop.gateway.policy.RoutePolicies;
import dev.shop.gateway.policy.RoutePolicy;
import dev.shop.gateway.routing.RouteTable;

/**
 * Merges the services' OpenAPI documents into the one the gateway serves. What a client sees through the gateway is
 * what the document says:
 * <ul>
 * <li>an operation is kept only if the service documenting it owns the path in the route table and the policy table
 * lets the method through (internal endpoints disappear);</li>
 * <li>operations the policy table protects require the {@code bearerAuth} scheme (HTTP bearer, JWT), and so do
 * public ones whose service requires a token itself (logout); guest-cart ones declare it optional, other public ones
 * an empty requirement ({@code [{}]}: no credentials); the services' own schemes are dropped;</li>
 * <li>components with the same name and content are kept once; a name two services use for different content is
 * renamed {@code <service>_<name>} in the later service's part, references included;</li>
 * <li>aliases of the policy table appear as copies of their target's operation;</li>
 * <li>the services' {@code servers} are dropped, so tools call the gateway the document came from.</li>
 * </ul>
 * Plain Java, no I/O.
 */
public final class ApiDocsMerger {

    static final String SCHEME = "bearerAuth";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RoutePolicies policies;
    private final RouteTable routes;

    public ApiDocsMerger(RoutePolicies policies, RouteTable routes) {
        this.policies = policies;
        this.routes = routes;
    }

    /**
     * @param documents each reachable service's document, in a stable order
     * @param missing services whose document could not be had, with the reason
     */
    public ObjectNode merge(Map<String, JsonNode> documents, Map<String, String> missing) {
        ObjectNode out = JSON.objectNode();
        out.put("openapi", "3.0.3");
        ObjectNode info = out.putObject("info");
        info.put("title", "Shop API");
        info.put("version", "1.0.0");
        info.put("description", description(documents.keySet(), missing));
        ObjectNode services = info.putObject("x-services");
        documents.keySet().forEach(s -> services.put(s, "included"));
        missing.forEach((s, reason) -> services.put(s, "unavailable: " + reason));
        ArrayNode tags = out.putArray("tags");
        ObjectNode paths = out.putObject("paths");
        ObjectNode components = out.putObject("components");
        Set<String> tagNames = new HashSet<>();
        Set<String> operationIds = new HashSet<>();

        documents.forEach((service, document) -> {
            Map<String, String> renames = componentRenames(service, document, components);
            JsonNode doc = rewriteRefs(document.deepCopy(), renames);
            copyComponents(doc.path("components"), components, renames);
            for (JsonNode tag : doc.path("tags")) {
                if (tag.hasNonNull("name") && tagNames.add(tag.get("name").asText())) {
                    tags.add(tag);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = entry.getKey();
                if (!routes.serviceFor(concrete(path)).map(service::equals).orElse(false)) {
                    continue;
                }
                ObjectNode item = exposedOperations(service, path, (ObjectNode) entry.getValue(), operationIds);
                if (item != null) {
                    paths.set(path, item);
                }
            }
        });
        addAliases(paths, operationIds);
        ObjectNode schemes = components.putObject("securitySchemes");
        ObjectNode bearer = schemes.putObject(SCHEME);
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        bearer.put("description", "Access token from POST /api/v1/auth/login, /api/v1/auth/otp/verify or "
                + "/api/v1/auth/register/verify: an RS256-signed JWT (15 minutes; issuer, audience `shop-api`, `kid` "
                + "of a key in /api/v1/auth/jwks), issued and verified following RFC8725 (JWT best current "
                + "practices: one allowed algorithm, explicit audience and issuer checks).");
        return out;
    }

    private static String description(Set<String> included, Map<String, String> missing) {
        StringBuilder text = new StringBuilder(
                "The whole shop API as served by the gateway, merged from each service's own document. Included: ")
                .append(included.isEmpty() ? "none" : String.join(", ", included)).append('.');
        if (!missing.isEmpty()) {
            text.append(" Unavailable, left out of this document: ");
            List<String> parts = new ArrayList<>();
            missing.forEach((s, reason) -> parts.add(s + " (" + reason + ")"));
            text.append(String.join(", ", parts)).append('.');
        }
        return text.toString();
    }

    /** A template path as a concrete one: {@code {id}} segments become plain names that match {@code *}. */
    static String concrete(String templatePath) {
        return templatePath.replaceAll("\\{([^}/]+)}", "$1");
    }

    private ObjectNode exposedOperations(String service, String path, ObjectNode item, Set<String> operationIds) {
        ObjectNode kept = JSON.objectNode();
        boolean any = false;
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!METHODS.contains(key)) {
                kept.set(key, field.getValue());
                continue;
            }
            RoutePolicies.Decision decision = policies.decide(key.toUpperCase(Locale.ROOT), concrete(path));
            if (!(decision instanceof RoutePolicies.Decision.Allowed allowed)
                    || allowed.policy().rewriteTo().isPresent()) {
                continue;
            }
            ObjectNode operation = (ObjectNode) field.getValue();
            secure(operation, allowed.policy().access());
            uniqueOperationId(service, operation, operationIds);
            kept.set(key, operation);
            any = true;
        }
        kept.remove("servers");
        return any ? kept : null;
    }

    private static void secure(ObjectNode operation, Access access) {
        boolean acceptsToken = operation.has("security") && !operation.get("security").isEmpty();
        operation.remove("servers");
        if (access == Access.PUBLIC && acceptsToken) {
            // The gateway lets the call through without a token, but the service requires one itself (logout reads
            // the session from it; a customer's own review): a client must send it.
            operation.putArray("security").addObject().putArray(SCHEME);
            return;
        }
        if (access == Access.PUBLIC || access == Access.GUEST_CART) {
            // A guest-cart call may carry a token (a customer's cart) or not (the X-Cart-Token decides).
            if (access == Access.GUEST_CART) {
                ArrayNode optional = operation.putArray("security");
                optional.addObject();
                optional.addObject().putArray(SCHEME);
            } else {
                // an explicit "no credentials needed", so tools and linters tell public from undocumented
                operation.putArray("security").addObject();
            }
            return;
        }
        operation.putArray("security").addObject().putArray(SCHEME);
        if (access == Access.ADMIN) {
            operation.put("x-required-role", "admin");
            String description = operation.path("description").asText("");
            operation.put("description", (description.isEmpty() ? "" : description + "\n\n")
                    + "Requires the admin role.");
        }
    }

    private static void uniqueOperationId(String service, ObjectNode operation, Set<String> operationIds) {
        String id = operation.path("operationId").asText(null);
        if (id == null) {
            return;
        }
        String unique = id;
        if (!operationIds.add(unique)) {
            unique = service + "_" + id;
            for (int i = 2; !operationIds.add(unique); i++) {
                unique = service + "_" + id + "_" + i;
            }
            operation.put("operationId", unique);
        }
    }

    private void addAliases(ObjectNode paths, Set<String> operationIds) {
        for (RoutePolicy policy : policies.rows()) {
            Optional<String> target = policy.rewriteTo();
            if (target.isEmpty()) {
                continue;
            }
            JsonNode operation = paths.path(target.get()).path("get");
            if (!operation.isObject()) {
                continue;
            }
            ObjectNode copy = ((ObjectNode) operation).deepCopy();
            if (copy.has("operationId")) {
                String id = copy.get("operationId").asText() + "ViaAlias";
                operationIds.add(id);
                copy.put("operationId", id);
            }
            copy.put("description", "Alias of GET " + target.get() + " (same query parameters and answer).");
            paths.putObject(policy.pattern().toString()).set("get", copy);
        }
    }

    /** Decides the new name of every component of {@code document} that clashes with a different one already merged. */
    private static Map<String, String> componentRenames(String service, JsonNode document, ObjectNode merged) {
        Map<String, String> renames = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> sections = document.path("components").fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (section.getKey().equals("securitySchemes")) {
                continue;
            }
            JsonNode existing = merged.path(section.getKey());
            Iterator<Map.Entry<String, JsonNode>> defs = section.getValue().fields();
            while (defs.hasNext()) {
                Map.Entry<String, JsonNode> def = defs.next();
                JsonNode previous = existing.get(def.getKey());
                if (previous != null && !previous.equals(def.getValue())) {
                    String renamed = service + "_" + def.getKey();
                    for (int i = 2; existing.has(renamed); i++) {
                        renamed = service + "_" + def.getKey() + "_" + i;
                    }
                    renames.put(ref(section.getKey(), def.getKey()), renamed);
                }
            }
        }
        return renames;
    }

    private static void copyComponents(JsonNode source, ObjectNode merged, Map<String, String> renames) {
        Iterator<Map.Entry<String, JsonNode>> sections = source.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                continue;
            }
            ObjectNode target = merged.has(section.getKey()) ? (ObjectNode) merged.get(section.getKey())
                    : merged.putObject(section.getKey());
            Iterator<Map.Entry<String, JsonNode>> defs = section.getValue().fields();
            while (defs.hasNext()) {
                Map.Entry<String, JsonNode> def = defs.next();
                String name = renames.getOrDefault(ref(section.getKey(), def.getKey()), def.getKey());
                if (!target.has(name)) {
                    target.set(name, def.getValue());
                }
            }
        }
    }

    private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        Map<String, String> byRef = new HashMap<>();
        renames.forEach((ref, renamed) -> byRef.put(ref, ref.substring(0, ref.lastIndexOf('/') + 1) + renamed));
        rewrite(node, byRef);
        return node;
    }

    private static void rewrite(JsonNode node, Map<String, String> byRef) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> refFields = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()
                        && byRef.containsKey(field.getValue().asText())) {
                    refFields.add(field.getKey());
                } else {
                    rewrite(field.getValue(), byRef);
                }
            }
            for (String key : refFields) {
                object.set(key, TextNode.valueOf(byRef.get(object.get(key).asText())));
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewrite(child, byRef));
        }
    }

    private static String ref(String section, String name) {
        return "#/components/" + section + "/" + name;
    }
}
