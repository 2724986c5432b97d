package dev.shop.kit.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "self")
@Path("/kit-test/trace")
public interface TraceClient {
    @GET
    @Path("/header")
    Uni<String> header();
}
