package dev.shop.catalog.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.persistence.MediaStore;
import dev.shop.kit.openapi.ApiConventions;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/media")
@Tag(name = "Product images")
public class MediaResource {

    private final MediaStore media;
    private final HttpCaching caching;
    private final CatalogConfig config;

    public MediaResource(MediaStore media, HttpCaching caching, CatalogConfig config) {
        this.media = media;
        this.caching = caching;
        this.config = config;
    }

    /** Image bytes. An id always names the same bytes, so they are cached for a year and never revalidated. */
    @GET
    @Path("/{imageId}")
    @PermitAll
    @Operation(summary = "Image bytes, cacheable for a year (immutable)")
    @Extension(name = ApiConventions.CONDITIONAL_GET, value = "true")
    public Uni<RestResponse<byte[]>> get(@PathParam("imageId") String imageId, @Context HttpHeaders headers) {
        if (!ObjectId.isValid(imageId)) {
            throw ProblemException.notFound("No image " + imageId);
        }
        String cacheControl = HttpCaching.publicFor(config.http().mediaMaxAge()) + ", immutable";
        return media.read(new ObjectId(imageId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No image " + imageId))
                .map(file -> {
                    RestResponse<byte[]> response = caching.conditional(headers, file.id(), cacheControl,
                            file.bytes());
                    if (response.getStatus() != 200) {
                        return response;
                    }
                    return RestResponse.ResponseBuilder.fromResponse(response)
                            .header(HttpHeaders.CONTENT_TYPE, file.contentType())
                            .header("X-Content-Type-Options", "nosniff")
                            .build();
                });
    }
}
