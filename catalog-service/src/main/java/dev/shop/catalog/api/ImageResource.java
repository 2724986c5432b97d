package dev.shop.catalog.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.shop.catalog.api.ProductDtos.ImageResponse;
import dev.shop.catalog.application.ProductImages;
import dev.shop.catalog.application.ProductService;
import dev.shop.catalog.config.CatalogConfig;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/products/{id}/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product images")
public class ImageResource {

    public record ImageOrder(@NotNull @NotEmpty @Size(max = 50) List<@NotNull String> imageIds) {
    }

    private final ProductImages images;
    private final ProductService products;
    private final CurrentUser caller;
    private final HttpCaching caching;
    private final CatalogConfig config;

    public ImageResource(ProductImages images, ProductService products, CurrentUser caller, HttpCaching caching,
            CatalogConfig config) {
        this.images = images;
        this.products = products;
        this.caller = caller;
        this.caching = caching;
        this.config = config;
    }

    @GET
    @PermitAll
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<List<ImageResponse>>> list(@PathParam("id") String id, @Context HttpHeaders headers) {
        return products.find(id, caller.isAdmin())
                .map(p -> caching.ok(headers, p.images().stream().map(ImageResponse::of).toList(),
                        headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null ? HttpCaching.privateNoCache()
                                : HttpCaching.publicFor(config.http().productMaxAge())));
    }

    @POST
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Upload an image (multipart field \"file\", optional \"alt\")", description = "JPEG, PNG or "
            + "WebP recognised from the bytes (415 otherwise), at most 5 MB (413), at most 10 per product (409).")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<RestResponse<List<ImageResponse>>> upload(@PathParam("id") String id,
            @RestForm("file") FileUpload file, @RestForm("alt") String alt) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "must be a file part");
        }
        if (alt != null && alt.length() > 200) {
            throw ProblemException.invalid("alt", "must be at most 200 characters");
        }
        return images.add(id, new ProductImages.Upload(file.uploadedFile(), file.size(), file.fileName()), alt)
                .map(list -> Responses.created("/api/v1/products/" + id + "/images",
                        list.stream().map(ImageResponse::of).toList()));
    }

    @PUT
    @Path("/order")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder the images; the first is the product's main image")
    public Uni<RestResponse<List<ImageResponse>>> reorder(@PathParam("id") String id,
            @Valid @NotNull ImageOrder order) {
        return images.reorder(id, order.imageIds())
                .map(list -> RestResponse.ok(list.stream().map(ImageResponse::of).toList()));
    }

    @DELETE
    @Path("/{imageId}")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id, @PathParam("imageId") String imageId) {
        return images.remove(id, imageId).map(v -> RestResponse.noContent());
    }
}
