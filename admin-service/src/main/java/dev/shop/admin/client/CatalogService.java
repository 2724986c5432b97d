package dev.shop.admin.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.mutiny.Uni;

/**
 * The facade of catalog-service's admin endpoints (products, stock, images, brands, models, categories). Every call has a
 * timeout and goes through the service's circuit breaker: when most recent
 * calls failed, calls fail at once (503 to the admin) until a trial call succeeds again. Both are tuned with
 * {@code quarkus.fault-tolerance."dev.shop.admin.client.CatalogService/send".*}.
 */
@ApplicationScoped
public class CatalogService {

    public static final String NAME = "catalog-service";

    private final DownstreamHttp http;
    private final DownstreamEndpoints endpoints;

    public CatalogService(DownstreamHttp http, DownstreamEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS, successThreshold = 2)
    public Uni<DownstreamReply> send(DownstreamRequest request) {
        return http.send(NAME, endpoints.catalog(), request);
    }
}
