package dev.shop.auth.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.shop.auth.application.Offload;
import dev.shop.auth.application.OtpDeliveryException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The HTTP side of the real OTP providers: one shared JDK client, a hard timeout per call, no retries (a retried SMS is a
 * second SMS), the outcome delivered back on the caller's Vert.x context.
 */
final class ProviderHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private ProviderHttp() {
    }

    static Uni<HttpResponse<String>> call(String provider, HttpRequest request, Duration timeout) {
        Context context = Vertx.currentContext();
        Uni<HttpResponse<String>> call = Uni.createFrom()
                .completionStage(() -> CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .ifNoItem().after(timeout).failWith(() -> new OtpDeliveryException(provider + " timed out"))
                .onFailure(f -> !(f instanceof OtpDeliveryException))
                .transform(f -> new OtpDeliveryException(provider + " unreachable: " + f.getMessage(), f));
        return Offload.resumeOn(context, call);
    }
}
