package dev.shop.catalog.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.catalog.api.TaxonomyDtos.CategoryNode;
import dev.shop.catalog.api.TaxonomyDtos.CategoryRequest;
import dev.shop.catalog.api.TaxonomyDtos.CategoryResponse;
import dev.shop.catalog.api.TaxonomyDtos.CategoryUpdateRequest;
import dev.shop.catalog.application.TaxonomyService;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories")
public class CategoryResource {

    private final TaxonomyService taxonomy;
    private final HttpCaching caching;
    private final CatalogConfig config;

    public CategoryResource(TaxonomyService taxonomy, HttpCaching caching, CatalogConfig config) {
        this.taxonomy = taxonomy;
        this.caching = caching;
        this.config = config;
    }

    /** The whole tree, top-level categories first, each with its sub-categories. */
    @GET
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<List<CategoryNode>>> tree(@Context HttpHeaders headers) {
        return taxonomy.categoryTree()
                .map(tree -> caching.ok(headers, CategoryNode.forest(tree), cacheControl()));
    }

    /** One category by id or slug, with its breadcrumb and children. */
    @GET
    @Path("/{idOrSlug}")
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<CategoryResponse>> get(@PathParam("idOrSlug") String idOrSlug,
            @Context HttpHeaders headers) {
        return taxonomy.categoryTree().map(tree -> {
            var category = tree.find(idOrSlug).orElseThrow(
                    () -> dev.shop.kit.problem.ProblemException.notFound("No category " + idOrSlug));
            return caching.ok(headers, CategoryResponse.of(tree, category), cacheControl());
        });
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CategoryResponse.class)))
    public Uni<RestResponse<CategoryResponse>> create(@Valid @NotNull CategoryRequest request) {
        return taxonomy.createCategory(request.name().trim(), request.slug(), blankToNull(request.parentId()),
                request.sortOrder() == null ? 0 : request.sortOrder(), request.description())
                .flatMap(c -> taxonomy.categoryTree()
                        .map(tree -> Responses.created("/api/v1/categories/" + c.id(), CategoryResponse.of(tree, c))));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CategoryResponse>> update(@PathParam("id") String id,
            @Valid @NotNull CategoryUpdateRequest request) {
        return taxonomy.updateCategory(id, request.name().trim(), request.slug(), blankToNull(request.parentId()),
                request.sortOrder() == null ? 0 : request.sortOrder(), request.description(), request.version())
                .flatMap(c -> taxonomy.categoryTree().map(tree -> RestResponse.ok(CategoryResponse.of(tree, c))));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return taxonomy.deleteCategory(id).map(v -> RestResponse.noContent());
    }

    private String cacheControl() {
        return HttpCaching.publicFor(config.http().taxonomyMaxAge());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
