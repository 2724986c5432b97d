package dev.shop.order.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * auth-service's address book of the token's subject ({@code GET /api/v1/me/addresses}). Use it through
 * {@link AddressBook}.
 */
@RegisterRestClient(configKey = "auth")
@Path("/api/v1/me/addresses")
public interface AddressBookApi {

    String SERVICE = "auth-service";

    record AddressView(String id, String fullName, String phoneNumber, String line1, String line2, String landmark,
            String city, String state, String postalCode, String country,
            @JsonProperty("isDefault") boolean isDefault) {
    }

    record AddressPage(List<AddressView> items, int page, int size, long total) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AddressPage> addresses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @ClientExceptionMapper
    static RuntimeException failed(Response response) {
        return response.getStatus() >= 500 ? new DependencyFailed(SERVICE, response.getStatus())
                : new DependencyRefused(SERVICE, response.getStatus());
    }
}
