package dev.shop.catalog.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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

import dev.shop.catalog.api.TaxonomyDtos.BrandRequest;
import dev.shop.catalog.api.TaxonomyDtos.BrandResponse;
import dev.shop.catalog.api.TaxonomyDtos.BrandUpdateRequest;
import dev.shop.catalog.api.TaxonomyDtos.ModelRequest;
import dev.shop.catalog.api.TaxonomyDtos.ModelResponse;
import dev.shop.catalog.api.TaxonomyDtos.ModelUpdateRequest;
import dev.shop.catalog.application.TaxonomyService;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.Codes;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/brands")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Brands and vehicle models")
public class BrandResource {

    private final TaxonomyService taxonomy;
    private final HttpCaching caching;
    private final CatalogConfig config;

    public BrandResource(TaxonomyService taxonomy, HttpCaching caching, CatalogConfig config) {
        this.taxonomy = taxonomy;
        this.caching = caching;
        this.config = config;
    }

    @GET
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<Page<BrandResponse>>> list(@BeanParam PageParams page, @Context HttpHeaders headers) {
        return taxonomy.brands(page.toRequest())
                .map(p -> caching.ok(headers, p.map(BrandResponse::of), cacheControl()));
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<BrandResponse>> get(@PathParam("code") String code, @Context HttpHeaders headers) {
        return taxonomy.brand(brandCode(code))
                .map(b -> caching.ok(headers, BrandResponse.of(b), cacheControl()));
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BrandResponse.class)))
    public Uni<RestResponse<BrandResponse>> create(@Valid @NotNull BrandRequest request) {
        return taxonomy.createBrand(request.code(), request.name().trim(), request.description())
                .map(b -> Responses.created("/api/v1/brands/" + b.code(), BrandResponse.of(b)));
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<BrandResponse>> update(@PathParam("code") String code,
            @Valid @NotNull BrandUpdateRequest request) {
        return taxonomy.updateBrand(brandCode(code), request.name().trim(), request.description(), request.version())
                .map(b -> RestResponse.ok(BrandResponse.of(b)));
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("code") String code) {
        return taxonomy.deleteBrand(brandCode(code)).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("/{code}/models")
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<Page<ModelResponse>>> models(@PathParam("code") String code,
            @BeanParam PageParams page, @Context HttpHeaders headers) {
        return taxonomy.models(brandCode(code), page.toRequest())
                .map(p -> caching.ok(headers, p.map(ModelResponse::of), cacheControl()));
    }

    @GET
    @Path("/{code}/models/{model}")
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<ModelResponse>> model(@PathParam("code") String code, @PathParam("model") String model,
            @Context HttpHeaders headers) {
        return taxonomy.model(brandCode(code), modelCode(model))
                .map(m -> caching.ok(headers, ModelResponse.of(m), cacheControl()));
    }

    @POST
    @Path("/{code}/models")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelResponse.class)))
    public Uni<RestResponse<ModelResponse>> createModel(@PathParam("code") String code,
            @Valid @NotNull ModelRequest request) {
        return taxonomy.createModel(brandCode(code), request.code(), request.name().trim(), request.yearFrom(),
                request.yearTo())
                .map(m -> Responses.created("/api/v1/brands/" + m.brand() + "/models/" + m.code(), ModelResponse.of(m)));
    }

    @PUT
    @Path("/{code}/models/{model}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ModelResponse>> updateModel(@PathParam("code") String code,
            @PathParam("model") String model, @Valid @NotNull ModelUpdateRequest request) {
        return taxonomy.updateModel(brandCode(code), modelCode(model), request.name().trim(), request.yearFrom(),
                request.yearTo(), request.version())
                .map(m -> RestResponse.ok(ModelResponse.of(m)));
    }

    @DELETE
    @Path("/{code}/models/{model}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> deleteModel(@PathParam("code") String code, @PathParam("model") String model) {
        return taxonomy.deleteModel(brandCode(code), modelCode(model)).map(v -> RestResponse.noContent());
    }

    private String cacheControl() {
        return HttpCaching.publicFor(config.http().taxonomyMaxAge());
    }

    /** A malformed code cannot name a brand: 404, like an unknown one. */
    static String brandCode(String raw) {
        String code = Codes.normalize(raw);
        if (!Codes.isBrandCode(code)) {
            throw ProblemException.notFound("No brand " + raw);
        }
        return code;
    }

    static String modelCode(String raw) {
        String code = Codes.normalize(raw);
        if (!Codes.isModelCode(code)) {
            throw ProblemException.notFound("No model " + raw);
        }
        return code;
    }
}
