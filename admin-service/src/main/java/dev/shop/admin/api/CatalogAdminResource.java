package dev.shop.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.admin.application.CatalogAdministration;
import dev.shop.admin.application.CatalogOperation;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * Catalogue administration, passed through to catalog-service's admin endpoints with the admin's token and audited.
 * Bodies go as they came and answers come back as catalog-service gave them (status, problem and all); see
 * catalog-service's API for the bodies, which must be JSON objects ({@link PassThroughBody}). Image uploads
 * (multipart) go to catalog-service directly.
 */
@Path("/api/v1/admin/catalog")
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class CatalogAdminResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final CatalogAdministration catalog;
    private final AdminCallers callers;
    private final ObjectMapper mapper;

    public CatalogAdminResource(CatalogAdministration catalog, AdminCallers callers, ObjectMapper mapper) {
        this.catalog = catalog;
        this.callers = callers;
        this.mapper = mapper;
    }

    @POST
    @Path("/products")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product (catalog-service POST /api/v1/products)")
    @APIResponse(responseCode = "201", description = "Created: the owning service's answer, with its Location")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> createProduct(String body) {
        return forward(CatalogOperation.PRODUCT_CREATE, MediaType.APPLICATION_JSON, body);
    }

    @PUT
    @Path("/products/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a product's details (catalog-service PUT /api/v1/products/{id})")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> replaceProduct(@PathParam("id") String id, String body) {
        return forward(CatalogOperation.PRODUCT_REPLACE, MediaType.APPLICATION_JSON, body, Ids.require("id", id));
    }

    @PATCH
    @Path("/products/{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some of a product's fields: price, offer, status… (catalog-service PATCH "
            + "/api/v1/products/{id}, JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> patchProduct(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return forward(CatalogOperation.PRODUCT_PATCH, contentType, body, Ids.require("id", id));
    }

    @DELETE
    @Path("/products/{id}")
    @Operation(summary = "Delete a product (catalog-service DELETE /api/v1/products/{id})")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> deleteProduct(@PathParam("id") String id) {
        return forward(CatalogOperation.PRODUCT_DELETE, null, null, Ids.require("id", id));
    }

    @POST
    @Path("/products/{id}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adjust a product's stock by hand (catalog-service POST /api/v1/products/{id}/stock)")
    @APIResponse(responseCode = "201", description = "Created: the owning service's answer, with its Location")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> adjustStock(@PathParam("id") String id, String body) {
        return forward(CatalogOperation.STOCK_ADJUST, MediaType.APPLICATION_JSON, body, Ids.require("id", id));
    }

    @PUT
    @Path("/products/{id}/images/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder a product's images (catalog-service PUT /api/v1/products/{id}/images/order)")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> reorderImages(@PathParam("id") String id, String body) {
        return forward(CatalogOperation.IMAGES_REORDER, MediaType.APPLICATION_JSON, body, Ids.require("id", id));
    }

    @DELETE
    @Path("/products/{id}/images/{imageId}")
    @Operation(summary = "Remove an image from a product (catalog-service DELETE "
            + "/api/v1/products/{id}/images/{imageId})")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> deleteImage(@PathParam("id") String id, @PathParam("imageId") String imageId) {
        return forward(CatalogOperation.IMAGE_DELETE, null, null, Ids.require("id", id),
                Ids.require("imageId", imageId));
    }

    @POST
    @Path("/brands")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a brand (catalog-service POST /api/v1/brands)")
    @APIResponse(responseCode = "201", description = "Created: the owning service's answer, with its Location")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> createBrand(String body) {
        return forward(CatalogOperation.BRAND_CREATE, MediaType.APPLICATION_JSON, body);
    }

    @PUT
    @Path("/brands/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a brand (catalog-service PUT /api/v1/brands/{code})")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> updateBrand(@PathParam("code") String code, String body) {
        return forward(CatalogOperation.BRAND_UPDATE, MediaType.APPLICATION_JSON, body, Ids.require("code", code));
    }

    @DELETE
    @Path("/brands/{code}")
    @Operation(summary = "Delete a brand (catalog-service DELETE /api/v1/brands/{code})")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> deleteBrand(@PathParam("code") String code) {
        return forward(CatalogOperation.BRAND_DELETE, null, null, Ids.require("code", code));
    }

    @POST
    @Path("/brands/{code}/models")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a vehicle model to a brand (catalog-service POST /api/v1/brands/{code}/models)")
    @APIResponse(responseCode = "201", description = "Created: the owning service's answer, with its Location")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> createModel(@PathParam("code") String code, String body) {
        return forward(CatalogOperation.MODEL_CREATE, MediaType.APPLICATION_JSON, body, Ids.require("code", code));
    }

    @PUT
    @Path("/brands/{code}/models/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a vehicle model (catalog-service PUT /api/v1/brands/{code}/models/{model})")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> updateModel(@PathParam("code") String code, @PathParam("model") String model, String body) {
        return forward(CatalogOperation.MODEL_UPDATE, MediaType.APPLICATION_JSON, body, Ids.require("code", code),
                Ids.require("model", model));
    }

    @DELETE
    @Path("/brands/{code}/models/{model}")
    @Operation(summary = "Delete a vehicle model (catalog-service DELETE /api/v1/brands/{code}/models/{model})")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> deleteModel(@PathParam("code") String code, @PathParam("model") String model) {
        return forward(CatalogOperation.MODEL_DELETE, null, null, Ids.require("code", code),
                Ids.require("model", model));
    }

    @POST
    @Path("/categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a category (catalog-service POST /api/v1/categories)")
    @APIResponse(responseCode = "201", description = "Created: the owning service's answer, with its Location")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> createCategory(String body) {
        return forward(CatalogOperation.CATEGORY_CREATE, MediaType.APPLICATION_JSON, body);
    }

    @PUT
    @Path("/categories/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a category (catalog-service PUT /api/v1/categories/{id})")
    @APIResponse(responseCode = "200", description = "The owning service's answer")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> updateCategory(@PathParam("id") String id, String body) {
        return forward(CatalogOperation.CATEGORY_UPDATE, MediaType.APPLICATION_JSON, body, Ids.require("id", id));
    }

    @DELETE
    @Path("/categories/{id}")
    @Operation(summary = "Delete a category (catalog-service DELETE /api/v1/categories/{id})")
    @APIResponse(responseCode = "204", description = "Done; no body")
    @APIResponse(responseCode = "409", description = "Refused by the owning service: conflicts with the current state")
    @APIResponse(responseCode = "503", description = "The owning service is unreachable; nothing changed and the audit entry says so")
    public Uni<Response> deleteCategory(@PathParam("id") String id) {
        return forward(CatalogOperation.CATEGORY_DELETE, null, null, Ids.require("id", id));
    }

    private Uni<Response> forward(CatalogOperation operation, String contentType, String body, String... params) {
        return catalog.forward(callers.current(), operation, List.of(params), contentType,
                PassThroughBody.requireObject(mapper, body)).map(Replies::passOn);
    }
}
