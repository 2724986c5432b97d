package dev.shop.catalog.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shop.catalog.api.ProductDtos.ProductCreateRequest;
import dev.shop.catalog.api.ProductDtos.ProductPage;
import dev.shop.catalog.api.ProductDtos.ProductResponse;
import dev.shop.catalog.api.ProductDtos.ProductUpdateRequest;
import dev.shop.catalog.application.ProductService;
import dev.shop.catalog.application.TaxonomyCache;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductSearch;
import dev.shop.catalog.domain.ProductStatus;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProductService products;
    private final TaxonomyCache taxonomy;
    private final HttpCaching caching;
    private final ProductRepresentations representations;
    private final CatalogConfig config;
    private final CurrentUser caller;
    private final ObjectMapper mapper;
    private final Validator validator;

    public ProductResource(ProductService products, TaxonomyCache taxonomy, HttpCaching caching,
            ProductRepresentations representations, CatalogConfig config, CurrentUser caller, ObjectMapper mapper,
            Validator validator) {
        this.products = products;
        this.taxonomy = taxonomy;
        this.caching = caching;
        this.representations = representations;
        this.config = config;
        this.caller = caller;
        this.mapper = mapper;
        this.validator = validator;
    }

    @GET
    @PermitAll
    @Operation(summary = "List and search products", description = "q matches name, SKU, description and brand as plain "
            + "text; category includes sub-categories; minPrice/maxPrice (minor units) apply to the effective price; "
            + "sort is relevance|price|-price|newest|rating|popular. Facets count categories, brands and price bands.")
    @APIResponse(responseCode = "200", description = "A page of products with facet counts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductPage.class)))
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<byte[]>> search(@BeanParam ProductSearchParams params, @Context HttpHeaders headers) {
        ProductSearch.Query query = params.toQuery();
        if (!query.statuses().equals(EnumSet.of(ProductStatus.ACTIVE)) && !caller.isAdmin()) {
            throw caller.isAuthenticated()
                    ? ProblemException.forbidden("Only admins can list products that are not active")
                    : ProblemException.unauthorized("Only admins can list products that are not active");
        }
        PageRequest request = params.page();
        boolean personal = isPersonal(headers);
        // One taxonomy snapshot for the whole request: category resolution, search, facets and names agree.
        return taxonomy.get().flatMap(snapshot -> products.search(query, snapshot).map(
                found -> caching.json(headers, representations.page(found, request, snapshot), cacheControl(personal))));
    }

    @GET
    @Path("/{idOrSlug}")
    @PermitAll
    @Operation(summary = "A product by id or slug", description = "Customers see active products only.")
    @APIResponse(responseCode = "200", description = "The product", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductResponse.class)))
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<byte[]>> get(@PathParam("idOrSlug") String idOrSlug, @Context HttpHeaders headers) {
        boolean admin = caller.isAdmin();
        return products.find(idOrSlug, admin)
                .flatMap(p -> taxonomy.get().map(snapshot -> caching.json(headers,
                        representations.product(p, snapshot, Instant.now()),
                        cacheControl(isPersonal(headers) || !p.isActive()))));
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductResponse.class)))
    public Uni<RestResponse<ProductResponse>> create(@Valid @NotNull ProductCreateRequest request) {
        return products.create(request.toDetails(config.currency()), request.stock() == null ? 0 : request.stock())
                .flatMap(this::respond)
                .map(body -> Responses.created("/api/v1/products/" + body.id(), body));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a product's editable fields", description = "Stock changes through "
            + "POST /products/{id}/stock, images through /products/{id}/images. A stale version is 409.")
    public Uni<RestResponse<ProductResponse>> update(@PathParam("id") String id,
            @Valid @NotNull ProductUpdateRequest request) {
        return products.update(id, request.toDetails(config.currency()), request.version())
                .flatMap(this::respond)
                .map(RestResponse::ok);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of a product (JSON merge patch, RFC 7396)", description = "Requires "
            + "version; \"offer\": null removes the offer.")
    public Uni<RestResponse<ProductResponse>> patch(@PathParam("id") String id,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ProductDtos.ProductPatch.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductDtos.ProductPatch.class)) }) @NotNull JsonNode patch) {
        if (!patch.isObject()) {
            throw ProblemException.invalid("request", "must be a JSON object");
        }
        if (!patch.hasNonNull("version")) {
            throw ProblemException.invalid("version", "must not be null");
        }
        return products.current(id).flatMap(current -> {
            ProductUpdateRequest merged = merge(ProductUpdateRequest.of(current), (ObjectNode) patch);
            return products.update(id, merged.toDetails(config.currency()), merged.version());
        }).flatMap(this::respond).map(RestResponse::ok);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return products.delete(id).map(v -> RestResponse.noContent());
    }

    private Uni<ProductResponse> respond(Product p) {
        return taxonomy.get().map(snapshot -> ProductResponse.of(p, snapshot, config.lowStockThreshold(),
                Instant.now()));
    }

    private ProductUpdateRequest merge(ProductUpdateRequest base, ObjectNode patch) {
        ObjectNode target = mapper.valueToTree(base);
        mergeInto(target, patch);
        ProductUpdateRequest merged;
        try {
            merged = mapper.treeToValue(target, ProductUpdateRequest.class);
        } catch (JsonProcessingException e) {
            throw new jakarta.ws.rs.WebApplicationException(e, 400);
        }
        Set<ConstraintViolation<ProductUpdateRequest>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    /** RFC 7396: objects merge recursively, null removes, anything else replaces. */
    static void mergeInto(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.putNull(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing
                    && !"attributes".equals(field.getKey())) {
                mergeInto(existing, (ObjectNode) value);
            } else if (value.isObject() && "attributes".equals(field.getKey())
                    && target.get(field.getKey()) instanceof ObjectNode existing) {
                mergeInto(existing, (ObjectNode) value);
                List<String> removed = new ArrayList<>();
                existing.fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        removed.add(e.getKey());
                    }
                });
                existing.remove(removed);
            } else {
                target.set(field.getKey(), value);
            }
        });
    }

    private String cacheControl(boolean personal) {
        return personal ? HttpCaching.privateNoCache() : HttpCaching.publicFor(config.http().productMaxAge());
    }

    /** Answers to calls carrying a token may differ per caller (admins see drafts): never for shared caches. */
    private static boolean isPersonal(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
    }

}
