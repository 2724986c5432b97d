package dev.shop.admin.client;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.shop.admin.config.AdminConfig;
import dev.shop.contracts.http.RequestIds;
import io.smallrye.mutiny.Uni;

/**
 * The HTTP client behind the downstream facades (the JAX-RS client API of Quarkus REST client, non-blocking). It
 * forwards the admin's {@code Authorization} and {@code X-Request-Id}, encodes every path parameter as one segment,
 * and hands back whatever the service answered below 500. A server error, a refused connection or a broken one fails
 * the call with {@link DownstreamUnavailableException}, which the facade's circuit breaker counts.
 */
@ApplicationScoped
public class DownstreamHttp {

    private static final String ACCEPT = "application/json, application/problem+json;q=0.9, */*;q=0.1";

    private final Client client;

    public DownstreamHttp(AdminConfig config) {
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(config.downstream().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.downstream().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<DownstreamReply> send(String service, String baseUrl, DownstreamRequest request) {
        return Uni.createFrom().deferred(() -> {
            WebTarget target = client.target(baseUrl).path(request.path());
            for (Map.Entry<String, String> param : request.pathParams().entrySet()) {
                target = target.resolveTemplate(param.getKey(), param.getValue(), true);
            }
            Invocation.Builder call = target.request().header(HttpHeaders.ACCEPT, ACCEPT);
            if (request.credentials().authorization() != null) {
                call = call.header(HttpHeaders.AUTHORIZATION, request.credentials().authorization());
            }
            if (request.credentials().requestId() != null) {
                call = call.header(RequestIds.HEADER, request.credentials().requestId());
            }
            var answer = request.body() == null
                    ? call.rx().method(request.method())
                    : call.rx().method(request.method(), Entity.entity(request.body(), request.contentType()));
            return Uni.createFrom().completionStage(answer);
        }).onFailure().transform(failure -> failure instanceof DownstreamUnavailableException ? failure
                : new DownstreamUnavailableException(service, "could not be reached", false, failure))
                .map(response -> reply(service, response));
    }

    private static DownstreamReply reply(String service, Response response) {
        try (response) {
            int status = response.getStatus();
            if (status >= 500) {
                throw new DownstreamUnavailableException(service, "answered " + status, status == 503, null);
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
            return new DownstreamReply(status, body == null || body.isEmpty() ? null : contentType,
                    body == null || body.isEmpty() ? null : body, response.getHeaderString(HttpHeaders.LOCATION));
        }
    }
}
