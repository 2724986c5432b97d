package dev.shop.kit.app;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** Shows the W3C trace context a request arrived with, directly or through a REST client call. */
@Path("/kit-test/trace")
@PermitAll
public class TraceProbeResource {

    private final TraceClient client;

    public TraceProbeResource(@RestClient TraceClient client) {
        this.client = client;
    }

    @GET
    @Path("/header")
    public String header(@HeaderParam("traceparent") String traceparent) {
        return traceparent == null ? "" : traceparent;
    }

    @GET
    @Path("/relayed")
    public Uni<String> relayed() {
        return client.header();
    }
}
