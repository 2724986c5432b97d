package dev.shop.auth.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.shop.auth.application.OtpDelivery;
import dev.shop.auth.application.OtpDeliveryException;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.kit.validation.PhoneNumber;

/** The real providers against a local fake of their HTTP APIs (never the internet). */
class OtpProvidersTest {

    private static final PhoneNumber PHONE = new PhoneNumber("+919812345678");
    private static final Duration TIMEOUT = Duration.ofSeconds(5); // generous: a loaded machine answers even a local fake slowly
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private TwoFactorOtpSender twoFactor(Optional<String> template) {
        return new TwoFactorOtpSender(server.baseUrl(), "key-123", template, TIMEOUT);
    }

    private TwilioVerifyOtpSender twilio() {
        return new TwilioVerifyOtpSender(server.baseUrl(), "AC123", "secret", "VA456", TIMEOUT);
    }

    private static OtpDelivery delivery(String code, OtpChannel channel) {
        return new OtpDelivery(PHONE, code, OtpPurpose.LOGIN, channel);
    }

    @Test
    void twoFactorSendsSmsWithTheTemplateAndVoiceCalls() {
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/SMS/%2B919812345678/042137/OTP1"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\":\"Success\",\"Details\":\"s-1\"}")));
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/VOICE/%2B919812345678/042137"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\":\"Success\",\"Details\":\"s-2\"}")));

        twoFactor(Optional.of("OTP1")).send(delivery("042137", OtpChannel.SMS)).await().atMost(Duration.ofSeconds(20));
        twoFactor(Optional.empty()).send(delivery("042137", OtpChannel.VOICE)).await().atMost(Duration.ofSeconds(20));

        server.verify(1, getRequestedFor(urlEqualTo("/API/V1/key-123/SMS/%2B919812345678/042137/OTP1")));
        server.verify(1, getRequestedFor(urlEqualTo("/API/V1/key-123/VOICE/%2B919812345678/042137")));
    }

    @Test
    void twoFactorErrorsAreDeliveryFailures() {
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/SMS/%2B919812345678/111111"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\":\"Error\",\"Details\":\"Invalid API Key\"}")));
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/SMS/%2B919812345678/222222"))
                .willReturn(aResponse().withStatus(500).withBody("oops")));
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/SMS/%2B919812345678/333333"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(12000).withBody("{\"Status\":\"Success\"}")));
        server.stubFor(get(urlPathEqualTo("/API/V1/key-123/SMS/%2B919812345678/444444"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        for (String code : List.of("111111", "222222", "333333", "444444")) {
            assertThatThrownBy(() -> twoFactor(Optional.empty()).send(delivery(code, OtpChannel.SMS)).await()
                    .atMost(Duration.ofSeconds(20))).isInstanceOf(OtpDeliveryException.class);
        }
    }

    @Test
    void twoFactorUnreachableIsADeliveryFailure() {
        TwoFactorOtpSender nowhere = new TwoFactorOtpSender("http://127.0.0.1:1", "k", Optional.empty(), TIMEOUT);
        assertThatThrownBy(() -> nowhere.send(delivery("123456", OtpChannel.SMS)).await()
                .atMost(Duration.ofSeconds(20))).isInstanceOf(OtpDeliveryException.class);
    }

    @Test
    void twilioStartsAVerificationWithBasicAuth() {
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/Verifications"))
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"VE1\",\"status\":\"pending\"}")));

        TwilioVerifyOtpSender sender = twilio();
        assertThat(sender.checksCodes()).isTrue();
        sender.send(delivery(null, OtpChannel.VOICE)).await().atMost(Duration.ofSeconds(20));

        String basic = "Basic " + Base64.getEncoder().encodeToString("AC123:secret".getBytes(StandardCharsets.UTF_8));
        server.verify(1, postRequestedFor(urlEqualTo("/v2/Services/VA456/Verifications"))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(equalTo("To=%2B919812345678&Channel=call")));
    }

    @Test
    void twilioChecksCodes() {
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/VerificationCheck"))
                .withRequestBody(equalTo("To=%2B919812345678&Code=123456"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"approved\",\"valid\":true}")));
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/VerificationCheck"))
                .withRequestBody(equalTo("To=%2B919812345678&Code=654321"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"pending\",\"valid\":false}")));
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/VerificationCheck"))
                .withRequestBody(equalTo("To=%2B919812345678&Code=000000"))
                .willReturn(aResponse().withStatus(404).withBody("{\"code\":20404}")));
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/VerificationCheck"))
                .withRequestBody(equalTo("To=%2B919812345678&Code=999999"))
                .willReturn(aResponse().withStatus(503)));

        TwilioVerifyOtpSender sender = twilio();
        assertThat(sender.check(PHONE, "123456").await().atMost(Duration.ofSeconds(20))).isTrue();
        assertThat(sender.check(PHONE, "654321").await().atMost(Duration.ofSeconds(20))).isFalse();
        assertThat(sender.check(PHONE, "000000").await().atMost(Duration.ofSeconds(20))).isFalse();
        assertThatThrownBy(() -> sender.check(PHONE, "999999").await().atMost(Duration.ofSeconds(20)))
                .isInstanceOf(OtpDeliveryException.class);
    }

    @Test
    void twilioRefusalsAreDeliveryFailures() {
        server.stubFor(post(urlEqualTo("/v2/Services/VA456/Verifications"))
                .willReturn(aResponse().withStatus(429).withBody("{\"code\":60203}")));
        assertThatThrownBy(() -> twilio().send(delivery(null, OtpChannel.SMS)).await()
                .atMost(Duration.ofSeconds(20))).isInstanceOf(OtpDeliveryException.class)
                .hasMessageContaining("429");
    }

    @Test
    void theConsoleProviderWritesTheAgreedLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("data").resolve("dev-otp.log");
        ConsoleOtpSender console = new ConsoleOtpSender(log);
        console.send(new OtpDelivery(PHONE, "042137", OtpPurpose.REGISTER, OtpChannel.SMS)).await()
                .atMost(Duration.ofSeconds(20));
        console.send(new OtpDelivery(PHONE, "777777", OtpPurpose.RESET, OtpChannel.VOICE)).await()
                .atMost(Duration.ofSeconds(20));

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\+919812345678 042137 register \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(lines.get(1)).startsWith("+919812345678 777777 reset ");
        assertThat(new OtpDelivery(PHONE, "777777", OtpPurpose.RESET, OtpChannel.SMS).toString())
                .doesNotContain("777777");
    }
}
