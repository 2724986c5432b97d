package dev.shop.auth.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.auth.application.OtpDelivery;
import dev.shop.auth.application.OtpDeliveryException;
import dev.shop.auth.application.OtpSender;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.kit.validation.PhoneNumber;
import io.smallrye.mutiny.Uni;

/**
 * Twilio Verify: Twilio makes, sends and checks the code. {@code POST /v2/Services/{sid}/Verifications}
 * ({@code To, Channel=sms|call}) starts a verification; {@code POST /v2/Services/{sid}/VerificationCheck}
 * ({@code To, Code}) answers {@code "status":"approved"} for the right code, and 404 when there is no pending
 * verification (expired, used or too many attempts), which is a wrong code, not an outage.
 */
public class TwilioVerifyOtpSender implements OtpSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String serviceSid;
    private final String authorization;
    private final Duration timeout;

    public TwilioVerifyOtpSender(String baseUrl, String accountSid, String authToken, String serviceSid,
            Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.serviceSid = serviceSid;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public boolean checksCodes() {
        return true;
    }

    @Override
    public Uni<Void> send(OtpDelivery delivery) {
        String channel = delivery.channel() == OtpChannel.VOICE ? "call" : "sms";
        return ProviderHttp.call(name(), post("/Verifications",
                "To=" + encode(delivery.phone().e164()) + "&Channel=" + channel), timeout)
                .map(response -> {
                    if (response.statusCode() != 201 && response.statusCode() != 200) {
                        throw new OtpDeliveryException("Twilio refused the verification: HTTP "
                                + response.statusCode() + " " + field(response.body(), "code"));
                    }
                    return null;
                });
    }

    @Override
    public Uni<Boolean> check(PhoneNumber phone, String code) {
        return ProviderHttp.call(name(), post("/VerificationCheck",
                "To=" + encode(phone.e164()) + "&Code=" + encode(code)), timeout)
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return false;
                    }
                    if (response.statusCode() != 200) {
                        throw new OtpDeliveryException("Twilio could not check the code: HTTP "
                                + response.statusCode() + " " + field(response.body(), "code"));
                    }
                    return "approved".equals(field(response.body(), "status"));
                });
    }

    private HttpRequest post(String path, String form) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v2/Services/" + encode(serviceSid) + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path(name).asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
