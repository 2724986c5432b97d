package dev.shop.auth.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.auth.application.OtpDelivery;
import dev.shop.auth.application.OtpDeliveryException;
import dev.shop.auth.application.OtpSender;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import io.smallrye.mutiny.Uni;

/**
 * 2Factor.in: we make the code, they deliver it by SMS ({@code GET /API/V1/{key}/SMS/{phone}/{code}[/{template}]}) or
 * by a voice call ({@code GET /API/V1/{key}/VOICE/{phone}/{code}}). Success is HTTP 200 with
 * {@code {"Status":"Success"}}; anything else is a delivery failure.
 */
public class TwoFactorOtpSender implements OtpSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final Optional<String> smsTemplate;
    private final Optional<String> accountExistsTemplate;
    private final Duration timeout;

    public TwoFactorOtpSender(String baseUrl, String apiKey, Optional<String> smsTemplate, Duration timeout) {
        this(baseUrl, apiKey, smsTemplate, Optional.empty(), timeout);
    }

    /**
     * @param accountExistsTemplate the template for a registration of a phone that already has an account ("You already
     *        have an account; sign in with code ..."); without it the ordinary template is used
     */
    public TwoFactorOtpSender(String baseUrl, String apiKey, Optional<String> smsTemplate,
            Optional<String> accountExistsTemplate, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.smsTemplate = smsTemplate;
        this.accountExistsTemplate = accountExistsTemplate;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "twofactor";
    }

    @Override
    public Uni<Void> send(OtpDelivery delivery) {
        String phone = encode(delivery.phone().e164());
        String path = delivery.channel() == OtpChannel.VOICE
                ? "/API/V1/" + encode(apiKey) + "/VOICE/" + phone + "/" + delivery.code()
                : "/API/V1/" + encode(apiKey) + "/SMS/" + phone + "/" + delivery.code()
                        + template(delivery).map(t -> "/" + encode(t)).orElse("");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return ProviderHttp.call(name(), request, timeout).map(response -> {
            String status = statusOf(response.body());
            if (response.statusCode() != 200 || !"Success".equalsIgnoreCase(status)) {
                throw new OtpDeliveryException("2Factor refused the code: HTTP " + response.statusCode()
                        + ", status " + status);
            }
            return null;
        });
    }

    private Optional<String> template(OtpDelivery delivery) {
        return delivery.purpose() == OtpPurpose.ACCOUNT_EXISTS && accountExistsTemplate.isPresent()
                ? accountExistsTemplate
                : smsTemplate;
    }

    private static String statusOf(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("Status").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
