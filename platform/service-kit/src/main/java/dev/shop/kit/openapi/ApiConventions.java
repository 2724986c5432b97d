package dev.shop.kit.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.servers.Server;

import dev.shop.contracts.http.OperationIds;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemCatalogue;
import dev.shop.kit.page.PageRequest;

/**
 * What every service's API document says without each resource repeating it, applied to the model SmallRye built from
 * the annotations (by {@link ApiDocumentFilter}, at build time):
 * <ul>
 * <li>every operation has an {@code operationId} ({@link OperationIds}: from method and path, stable and unique), a
 * summary and a tag (its first path segment when its resource names none);</li>
 * <li>the error answers every operation can get are listed, each with the {@code Problem} schema as
 * {@code application/problem+json}: 400, 401 (a token that is presented is checked, on public operations too), 403
 * (a blocked account, a role, an option reserved to admins), 429 (with {@code Retry-After}), 500 and 503 (the database
 * or a service it calls unreachable) everywhere; 404 with path parameters or on a change with a body (it may name a
 * resource that does not exist); 409 and 422 on every change; 413 and 415 with a request body; responses a resource declares
 * itself (422, 503...) get the
 * schema too;</li>
 * <li>the headers the gateway adds: {@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}, {@code -Policy} on
 * 2xx and 4xx answers, {@code Access-Control-Allow-Origin};</li>
 * <li>{@code page} and {@code size} query parameters are integers with their ranges and defaults;</li>
 * <li>strings, arrays and integers that state no limit of their own get the hard limit the platform enforces anyway:
 * a string in a body or an answer at most {@value #BODY_LIMIT} characters (the gateway's body limit), in a path or
 * query parameter {@value #PARAMETER_LIMIT} (the request line's limit), in a header {@value #HEADER_LIMIT}; an array at most
 * {@value #ARRAY_LIMIT} items; an integer the range of
 * its format. Bean Validation constraints ({@code @Size}, {@code @Max}...) give tighter ones where they exist;</li>
 * <li>a {@code servers} entry (the local gateway: services serve the same paths behind it).</li>
 * </ul>
 * Plain model manipulation, no I/O.
 */
public final class ApiConventions {

    /** The gateway refuses larger bodies, so no string in one is longer. */
    static final int BODY_LIMIT = 10 * 1024 * 1024;
    /** The request line is at most 8 KB, at the gateway and at every service. */
    static final int PARAMETER_LIMIT = 8 * 1024;
    /** The gateway takes at most 16 KB of headers. */
    static final int HEADER_LIMIT = 16 * 1024;
    /** A body of {@value #BODY_LIMIT} bytes holds at most half as many array elements. */
    static final int ARRAY_LIMIT = BODY_LIMIT / 2;
    static final String PROBLEM_SCHEMA = "Problem";
    static final String VIOLATION_SCHEMA = "ProblemViolation";
    static final String LOCAL_GATEWAY = "http://localhost:8080";
    static final String CONVENTIONS_MARKER = "x-shop-conventions";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    /**
     * Put on a GET that answers a strong {@code ETag} and 304 to a matching {@code If-None-Match}
     * ({@code @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")}): the document then says so (the
     * request header, the 304 answer, the {@code ETag} and {@code Cache-Control} headers of the 200). The marker itself
     * is removed.
     */
    public static final String CONDITIONAL_GET = "x-shop-conditional-get";

    /** Descriptions SmallRye and MicroProfile put on responses nobody described. */
    private static final Set<String> GENERIC_DESCRIPTIONS = Set.of("", "OK", "Created", "Accepted", "No Content",
            "Bad Request", "Not Authorized", "Not Allowed", "Unauthorized", "Forbidden", "Not Found", "Conflict",
            "default response");

    private static final Map<String, String> ERROR_DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "Invalid input: a body field, parameter or header (named in `violations`), or a request "
                    + "that cannot be read (`/problems/validation`, `/problems/malformed-request`)"),
            Map.entry("401", "No valid access token: missing, expired, revoked or not ours (`/problems/unauthorized`)"),
            Map.entry("403", "The token's roles do not allow this (`/problems/forbidden`)"),
            Map.entry("404", "Nothing with this id, or it belongs to someone else (`/problems/not-found`)"),
            Map.entry("409", "Conflicts with the current state, or `version` is stale (`/problems/conflict`, "
                    + "`/problems/stale-version`)"),
            Map.entry("413", "The body is too large (`/problems/payload-too-large`)"),
            Map.entry("415", "The body's `Content-Type` is missing or not taken here (`/problems/unsupported-media-type`)"),
            Map.entry("422", "Refused by a business rule (`detail` says which)"),
            Map.entry("429", "Too many requests: wait `Retry-After` seconds (`/problems/rate-limited`)"),
            Map.entry("500", "Unexpected failure; quote the `traceId` (`/problems/internal`)"),
            Map.entry("502", "The service closed the connection without an answer (`/problems/bad-gateway`)"),
            Map.entry("503", "A dependency is unavailable; retry after `Retry-After` seconds when given "
                    + "(`/problems/service-unavailable`)"),
            Map.entry("504", "The service did not answer in time (`/problems/gateway-timeout`)"));

    private ApiConventions() {
    }

    public static void apply(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        addProblemSchemas(components);
        if (api.getInfo() == null) {
            api.setInfo(OASFactory.createInfo().title("api").version("1.0.0"));
        }
        // tells the test kit that this is a shop service's own document, checked against what its tests observe
        api.getInfo().addExtension(CONVENTIONS_MARKER, true);
        unifyEquivalentPaths(api);
        Set<String> usedIds = new HashSet<>();
        Set<String> usedTags = new LinkedHashSet<>();
        // sorted, so that which of two clashing operations keeps the short id does not depend on scanning order
        Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : new TreeMap<>(api.getPaths().getPathItems());
        for (Map.Entry<String, PathItem> path : paths.entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : new TreeMap<>(operations).entrySet()) {
                Operation operation = entry.getValue();
                String method = entry.getKey().name();
                name(operation, method, path.getKey(), usedIds);
                if (operation.getTags() == null || operation.getTags().isEmpty()) {
                    operation.addTag(defaultTag(path.getKey()));
                }
                usedTags.addAll(operation.getTags());
                typePagingParameters(operation);
                conditionalGet(operation);
                addErrorResponses(operation, method, path.getKey());
            }
        }
        declareTags(api, usedTags);
        bound(api);
        if (api.getServers() == null || api.getServers().isEmpty()) {
            Server server = OASFactory.createServer().url(LOCAL_GATEWAY)
                    .description("local stack: the gateway, which serves these paths unchanged (./shop start)");
            server.addExtension("x-internal", false);
            api.addServer(server);
        }
    }

    /**
     * Paths that differ only in the names of their parameters ({@code /products/{idOrSlug}} for reads,
     * {@code /products/{id}} for writes) are one path to OpenAPI, which forbids listing both: the operations of the
     * later one (in path order) move to the first, their path parameters renamed to the first's (positionally) and
     * described as what they take. An operation the first path already has for that method stays where it was.
     */
    static void unifyEquivalentPaths(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, String> firstByShape = new HashMap<>();
        for (String path : new TreeSet<>(api.getPaths().getPathItems().keySet())) {
            String shape = path.replaceAll("\\{[^}/]+}", "{}");
            String first = firstByShape.putIfAbsent(shape, path);
            if (first == null) {
                continue;
            }
            PathItem target = api.getPaths().getPathItem(first);
            PathItem moved = api.getPaths().getPathItem(path);
            if (moved.getOperations() == null || moved.getParameters() != null && !moved.getParameters().isEmpty()) {
                continue;
            }
            List<String> from = parameterNames(path);
            List<String> to = parameterNames(first);
            boolean all = true;
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : new TreeMap<>(moved.getOperations()).entrySet()) {
                if (target.getOperations() != null && target.getOperations().containsKey(entry.getKey())) {
                    all = false;
                    continue;
                }
                Operation operation = entry.getValue();
                if (operation.getParameters() != null) {
                    for (Parameter parameter : operation.getParameters()) {
                        int at = parameter.getIn() == Parameter.In.PATH ? from.indexOf(parameter.getName()) : -1;
                        if (at >= 0 && !to.get(at).equals(parameter.getName())) {
                            String was = parameter.getName();
                            parameter.setName(to.get(at));
                            parameter.setDescription((parameter.getDescription() == null ? ""
                                    : parameter.getDescription() + " ") + "(here: the " + was + ")");
                        }
                    }
                }
                target.setOperation(entry.getKey(), operation);
                moved.setOperation(entry.getKey(), null);
            }
            if (all) {
                api.getPaths().removePathItem(path);
            }
        }
    }

    private static List<String> parameterNames(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The tag of an operation whose resource names none: its first path segment after {@code /api/v<n>}
     * ({@code /api/v1/auth/login} → {@code Auth}). A fallback: resources should name their own.
     */
    static String defaultTag(String path) {
        String[] segments = path.replaceFirst("^/api/v[0-9]+/", "/").split("/");
        for (String segment : segments) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                return OperationIds.pascal(segment);
            }
        }
        return "Api";
    }

    private static void name(Operation operation, String method, String path, Set<String> usedIds) {
        String id = operation.getOperationId();
        if (id == null || id.isBlank()) {
            id = OperationIds.of(method, path);
            if (usedIds.contains(id)) {
                id = OperationIds.disambiguated(method, path);
            }
        }
        String unique = id;
        for (int i = 2; usedIds.contains(unique); i++) {
            unique = id + i;
        }
        usedIds.add(unique);
        operation.setOperationId(unique);
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(humanise(unique));
        }
    }

    /** {@code postOrderCancel} → {@code Post order cancel}: a last resort; resources should say more. */
    static String humanise(String operationId) {
        StringBuilder out = new StringBuilder();
        for (char c : operationId.toCharArray()) {
            if (Character.isUpperCase(c) && !out.isEmpty()) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(out.isEmpty() ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }

    private static void typePagingParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY || parameter.getName() == null) {
                continue;
            }
            if (parameter.getName().equals("page")) {
                parameter.setSchema(integer(0, 1_000_000, 0));
                describe(parameter, "Page number, from 0");
            } else if (parameter.getName().equals("size")) {
                parameter.setSchema(integer(1, PageRequest.MAX_SIZE, PageRequest.DEFAULT_SIZE));
                describe(parameter, "Items per page, 1 to " + PageRequest.MAX_SIZE);
            } else if (isPlainString(parameter) && BOOLEAN_PARAMETERS.contains(parameter.getName())) {
                parameter.setSchema(OASFactory.createSchema().addType(SchemaType.BOOLEAN));
            } else if (isPlainString(parameter) && MINOR_UNIT_PARAMETERS.contains(parameter.getName())) {
                parameter.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Long.MAX_VALUE)));
                describe(parameter, "An amount in minor units (paise for INR)");
            } else if (isPlainString(parameter) && COUNT_PARAMETERS.contains(parameter.getName())) {
                parameter.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE)));
            }
        }
    }

    private static void conditionalGet(Operation operation) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(CONDITIONAL_GET)) {
            return;
        }
        operation.removeExtension(CONDITIONAL_GET);
        operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                .description("The `ETag` of a representation the client holds: 304 without a body while it is "
                        + "still current")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(1024)));
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (ok != null) {
            header(ok, "ETag", "Strong entity tag of this representation; send it back in `If-None-Match`",
                    OASFactory.createSchema().addType(SchemaType.STRING).maxLength(1024));
            header(ok, "Cache-Control", "`public, max-age=<s>`, or `private, no-cache` for a caller with a token",
                    OASFactory.createSchema().addType(SchemaType.STRING).maxLength(256));
        }
        if (!responses.hasAPIResponse("304")) {
            APIResponse notModified = OASFactory.createAPIResponse()
                    .description("Not modified: `If-None-Match` matches the current `ETag`; no body");
            header(notModified, "ETag", "The current entity tag",
                    OASFactory.createSchema().addType(SchemaType.STRING).maxLength(1024));
            responses.addAPIResponse("304", notModified);
        }
    }

    /** Query parameters the resources read as text (to answer a 400 naming them) that are numbers or booleans. */
    private static final Set<String> BOOLEAN_PARAMETERS = Set.of("inStock", "onSale", "includeDeleted");
    private static final Set<String> MINOR_UNIT_PARAMETERS = Set.of("minPrice", "maxPrice");
    private static final Set<String> COUNT_PARAMETERS = Set.of("limit", "days", "stockBelow");

    private static boolean isPlainString(Parameter parameter) {
        Schema schema = parameter.getSchema();
        return schema == null || schema.getRef() == null && schema.getType() != null
                && schema.getType().equals(List.of(SchemaType.STRING)) && schema.getEnumeration() == null
                && schema.getFormat() == null;
    }

    private static void describe(Parameter parameter, String text) {
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
            parameter.setDescription(text);
        }
    }

    private static Schema integer(int min, int max, int defaultValue) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max)).defaultValue(defaultValue);
    }

    private static void addErrorResponses(Operation operation, String method, String path) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean change = !method.equals("GET") && !method.equals("HEAD");
        List<String> codes = new ArrayList<>();
        // any input, down to the query string, can be refused
        codes.add("400");
        // a token that is presented is checked on every operation, public ones included: a bad one is refused
        codes.add("401");
        // a blocked account, a role that does not allow it, or an option reserved to admins
        codes.add("403");
        if (path.contains("{") || (change && hasBody)) {
            // the resource of the path, or one the body names (a product, an address), may not exist
            codes.add("404");
        }
        if (change) {
            // a duplicate, an illegal transition or a stale version; and any business rule
            codes.add("409");
            codes.add("422");
        }
        if (hasBody) {
            codes.add("413");
            codes.add("415");
        }
        // behind the gateway every route has a rate limit, any operation can fail unexpectedly, and any can find its
        // database or a service it calls unreachable
        codes.add("429");
        codes.add("500");
        codes.add("503");
        for (String code : codes) {
            if (!responses.hasAPIResponse(code)) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse());
            }
        }
        Map<String, APIResponse> all = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        for (Map.Entry<String, APIResponse> response : new LinkedHashMap<>(all).entrySet()) {
            String code = response.getKey();
            if (!code.matches("[45][0-9][0-9]")) {
                continue;
            }
            APIResponse answer = response.getValue();
            if (answer.getDescription() == null || GENERIC_DESCRIPTIONS.contains(answer.getDescription())) {
                answer.setDescription(ERROR_DESCRIPTIONS.getOrDefault(code, titleFor(code)));
            }
            if (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                    || answer.getContent().getMediaTypes().isEmpty()) {
                Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(ref(PROBLEM_SCHEMA)));
                answer.setContent(content);
            }
            if ((code.equals("429") || code.equals("503"))
                    && (answer.getHeaders() == null || !answer.getHeaders().containsKey("Retry-After"))) {
                Header retryAfter = OASFactory.createHeader()
                        .description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                                .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE)));
                retryAfter.setRequired(code.equals("429"));
                answer.addHeader("Retry-After", retryAfter);
            }
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            edgeHeaders(response.getKey(), response.getValue());
        }
    }

    /**
     * The headers the gateway adds: {@code RateLimit-*} on every answer to a call that passed its access check (2xx
     * and 4xx here: a 5xx may come from before the rate limit), and {@code Access-Control-Allow-Origin} on answers to
     * browser calls from an allowed origin.
     */
    private static void edgeHeaders(String code, APIResponse answer) {
        if (code.matches("[24][0-9X][0-9X]")) {
            header(answer, "RateLimit-Limit", "Capacity of the caller's rate-limit bucket for this route (gateway)",
                    integerSchema());
            header(answer, "RateLimit-Remaining", "Calls left in the bucket now (gateway)", integerSchema());
            header(answer, "RateLimit-Reset", "Seconds until the bucket is full again (gateway)", integerSchema());
            header(answer, "RateLimit-Policy", "The bucket: `<capacity>;w=<window in seconds>`, e.g. `600;w=60` "
                    + "(gateway)",
                    OASFactory.createSchema().addType(SchemaType.STRING).maxLength(64)
                            .pattern("^[0-9]+;w=[0-9]+$"));
        }
        if (answer.getHeaders() != null && !answer.getHeaders().isEmpty()) {
            header(answer, "Access-Control-Allow-Origin", "On answers to a browser call from an allowed origin: that "
                    + "origin (gateway CORS)", OASFactory.createSchema().addType(SchemaType.STRING).maxLength(2048));
        }
    }

    private static void header(APIResponse answer, String name, String description, Schema schema) {
        if (answer.getHeaders() != null && answer.getHeaders().containsKey(name)) {
            return;
        }
        answer.addHeader(name, OASFactory.createHeader().description(description).schema(schema));
    }

    private static Schema integerSchema() {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO)
                .maximum(BigDecimal.valueOf(Long.MAX_VALUE));
    }

    private static String titleFor(String code) {
        int status = Integer.parseInt(code);
        return ProblemCatalogue.all().stream().filter(e -> e.status() == status).map(ProblemCatalogue.Entry::title)
                .findFirst().orElse("Refused");
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    private static void addProblemSchemas(Components components) {
        Schema violation = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid input: a body field (JSON path), a query parameter or a header")
                .addRequired("field").addRequired("message")
                .addProperty("field", string(PARAMETER_LIMIT, "The field, parameter or header, e.g. `quantity`"))
                .addProperty("message", string(BODY_LIMIT, "What is wrong with it, e.g. `must be between 1 and 99`"));
        Schema problem = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail: the body of every error answer "
                        + "(`application/problem+json`). `type` is a URI reference that resolves, against the API's "
                        + "origin, to an explanation of the problem (`GET /problems/{slug}`).")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string(2048, "Kind of problem, e.g. `/problems/validation`")
                        .format("uri-reference"))
                .addProperty("title", string(200, "Short summary of the kind of problem; the same for every "
                        + "occurrence"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .description("The HTTP status code"))
                .addProperty("detail", string(BODY_LIMIT, "What went wrong this time; safe to show"))
                .addProperty("instance", string(PARAMETER_LIMIT, "The request path").format("uri-reference"))
                .addProperty("traceId", string(128, "The request id (`X-Request-Id`) to quote to support"))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .maxItems(ARRAY_LIMIT).items(ref(VIOLATION_SCHEMA))
                        .description("One entry per invalid input (400)"))
                .addProperty("retryAfterSeconds", OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .format("int64").minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE))
                        .description("With 429 and some 503 answers: seconds to wait, as in `Retry-After`"));
        problem.setExample(Map.of("type", "/problems/validation", "title", "Request validation failed", "status", 400,
                "detail", "1 field is invalid", "instance", "/api/v1/cart/items", "traceId",
                "req-7f3a9c2e41d0", "violations", List.of(Map.of("field", "quantity", "message",
                        "must be between 1 and 99"))));
        components.addSchema(VIOLATION_SCHEMA, violation);
        components.addSchema(PROBLEM_SCHEMA, problem);
    }

    private static Schema string(int maxLength, String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).maxLength(maxLength).description(description);
    }

    private static void declareTags(OpenAPI api, Set<String> usedTags) {
        Set<String> declared = new HashSet<>();
        if (api.getTags() != null) {
            api.getTags().forEach(t -> declared.add(t.getName()));
        }
        for (String name : usedTags) {
            if (!declared.contains(name)) {
                api.addTag(OASFactory.createTag().name(name));
            }
        }
        // a tag no operation uses would only clutter the merged document
        if (api.getTags() != null) {
            api.setTags(new ArrayList<>(api.getTags().stream().filter(t -> usedTags.contains(t.getName())).toList()));
        }
    }

    // ------------------------------------------------------------------ limits

    private static void bound(OpenAPI api) {
        Components components = api.getComponents();
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(s -> bound(s, BODY_LIMIT));
        }
        if (api.getPaths() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(ApiConventions::bound);
            }
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(ApiConventions::bound);
                }
                if (operation.getRequestBody() != null) {
                    bound(operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        bound(response.getContent());
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(h -> bound(h.getSchema(), HEADER_LIMIT));
                        }
                    }
                }
            }
        }
    }

    private static void bound(Parameter parameter) {
        bound(parameter.getSchema(), parameter.getIn() == Parameter.In.HEADER ? HEADER_LIMIT : PARAMETER_LIMIT);
    }

    private static void bound(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType type : content.getMediaTypes().values()) {
            bound(type.getSchema(), BODY_LIMIT);
        }
    }

    private static void bound(Schema schema, int stringLimit) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        List<SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        boolean fixed = schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()
                || schema.getConstValue() != null;
        if (types.contains(SchemaType.STRING) && schema.getMaxLength() == null && !fixed) {
            schema.setMaxLength(stringLimit);
        }
        if (types.contains(SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(ARRAY_LIMIT);
        }
        if (types.contains(SchemaType.INTEGER) && !fixed) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getFormat() == null) {
                schema.setFormat("int64");
            }
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        bound(schema.getItems(), stringLimit);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> bound(p, stringLimit));
        }
        bound(schema.getAdditionalPropertiesSchema(), stringLimit);
        for (List<Schema> group : new ArrayList<>(Arrays.asList(schema.getAllOf(), schema.getAnyOf(),
                schema.getOneOf()))) {
            if (group != null) {
                group.forEach(s -> bound(s, stringLimit));
            }
        }
    }

}
