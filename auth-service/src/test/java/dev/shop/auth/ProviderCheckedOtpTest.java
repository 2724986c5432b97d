package dev.shop.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.shop.auth.application.OtpService;
import dev.shop.auth.client.TwilioVerifyOtpSender;
import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpCodes;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OTP rules with a provider that makes and checks codes itself (Twilio Verify, faked by WireMock): no hash is
 * stored, the provider decides, and our attempt cap, expiry and failure handling still apply.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ProviderCheckedOtpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AuthConfig config;
    @Inject
    OtpChallengeRepository challenges;
    @Inject
    OtpCodes codes;

    WireMockServer twilio;
    OtpService otp;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        otp = new OtpService(config, challenges, codes,
                new TwilioVerifyOtpSender(twilio.baseUrl(), "AC1", "token", "VA1", Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private void approves(PhoneNumber phone, String code) {
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/VerificationCheck"))
                .withRequestBody(equalTo("To=" + phone.e164().replace("+", "%2B") + "&Code=" + code))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"approved\"}")));
    }

    @Test
    void theProviderChecksTheCodeAndNoHashIsStored() {
        PhoneNumber phone = new PhoneNumber(AuthApi.newPhone());
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/Verifications"))
                .willReturn(aResponse().withStatus(201).withBody("{\"status\":\"pending\"}")));
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/VerificationCheck"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"pending\"}")));
        approves(phone, "424242");

        otp.send(phone, OtpPurpose.LOGIN, OtpChannel.SMS, AuthApi.randomIp()).await().atMost(WAIT);
        OtpChallengeDocument stored = challenges.findById("login:" + phone.e164()).await().atMost(WAIT);
        assertThat(stored.providerChecked).isTrue();
        assertThat(stored.codeHash).isNull();

        assertThatThrownBy(() -> otp.verify(phone, OtpPurpose.LOGIN, "111111").await().atMost(WAIT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("4 attempt(s) left");
        otp.verify(phone, OtpPurpose.LOGIN, "424242").await().atMost(WAIT);
        // used up on our side even if the provider would say yes again
        assertThatThrownBy(() -> otp.verify(phone, OtpPurpose.LOGIN, "424242").await().atMost(WAIT))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).status())
                .isEqualTo(400);
    }

    @Test
    void aProviderOutageIsA503AndCostsNoAttemptOrBudget() {
        PhoneNumber phone = new PhoneNumber(AuthApi.newPhone());
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/Verifications")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> otp.send(phone, OtpPurpose.LOGIN, OtpChannel.VOICE, AuthApi.randomIp()).await()
                .atMost(WAIT)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(503);

        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/Verifications"))
                .willReturn(aResponse().withStatus(201).withBody("{\"status\":\"pending\"}")));
        twilio.stubFor(post(urlEqualTo("/v2/Services/VA1/VerificationCheck")).willReturn(aResponse().withStatus(503)));
        // the failed send left no cooldown behind
        otp.send(phone, OtpPurpose.LOGIN, OtpChannel.VOICE, AuthApi.randomIp()).await().atMost(WAIT);

        assertThatThrownBy(() -> otp.verify(phone, OtpPurpose.LOGIN, "424242").await().atMost(WAIT))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).status())
                .isEqualTo(503);
        assertThat(challenges.findById("login:" + phone.e164()).await().atMost(WAIT).attempts).isZero();

        twilio.resetAll();
        approves(phone, "424242");
        otp.verify(phone, OtpPurpose.LOGIN, "424242").await().atMost(WAIT);
    }
}
