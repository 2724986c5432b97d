package dev.shop.gateway.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.proxy.UpstreamTarget;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One named check per upstream ({@code upstream-catalog}, ...) reporting that service's own {@code /q/health/ready}.
 * They are wellness checks: part of {@code /q/health} (DOWN there while any service is down) but not of
 * {@code /q/health/ready}, so one service being down does not take every gateway replica out of the load balancer and
 * turn a partial outage into a full one.
 */
@ApplicationScoped
public class UpstreamHealthChecks {

    private final GatewayConfig config;
    private final HealthRegistry registry;
    private final Vertx vertx;
    private HttpClient client;

    @Inject
    public UpstreamHealthChecks(GatewayConfig config, @Wellness HealthRegistry registry, Vertx vertx) {
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
    }

    void register(@Observes StartupEvent event) {
        long timeout = config.health().timeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions().setName("gateway-health")
                .setConnectTimeout((int) timeout).setIdleTimeout((int) timeout).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true));
        config.upstreams().forEach((name, upstream) -> {
            UpstreamTarget target = UpstreamTarget.of(name, upstream);
            String url = (target.ssl() ? "https" : "http") + "://" + target.host() + ":" + target.port()
                    + target.basePath() + "/q/health/ready";
            registry.register("upstream-" + name, () -> check("upstream-" + name, url, timeout));
        });
    }

    private Uni<HealthCheckResponse> check(String name, String url, long timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader("Accept", "application/json");
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .toCompletionStage())
                .ifNoItem().after(Duration.ofMillis(timeout + 500)).fail()
                .map(status -> {
                    HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).withData("url", url)
                            .withData("status", status);
                    return (status == 200 ? builder.up() : builder.down()).build();
                })
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name).withData("url", url)
                        .withData("error", failure.getClass().getSimpleName()).down().build());
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
