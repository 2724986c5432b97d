package dev.shop.order.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.shop.order.application.PaymentProvider;
import dev.shop.order.application.PaymentProviders;
import dev.shop.order.config.OrderConfig;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;

/**
 * The payment providers: cash on delivery, and the card provider named by {@code shop.order.payments.card-provider}
 * ({@code razorpay}, or {@code fake-card} locally). An unknown name, or a provider without its credentials, stops the
 * start rather than failing the first payment.
 */
@Singleton
public class PaymentProvidersProducer {

    @Produces
    @Singleton
    PaymentProviders providers(OrderConfig config) {
        List<PaymentProvider> providers = new ArrayList<>(List.of(new CashOnDelivery()));
        config.payments().cardProvider().filter(name -> !name.isBlank()).ifPresent(name -> {
            switch (name) {
                case RazorpayProvider.NAME -> providers.add(razorpay(config));
                case FakeCardProvider.NAME -> {
                    OrderConfig.FakeCard fake = config.payments().fakeCard();
                    Log.warn("Card payments go through the fake-card provider, which takes no money: local mode only");
                    providers.add(new FakeCardProvider(fakeCardSecret(fake), config.payments().webhookTolerance(),
                            fake.sessionsFile()));
                }
                default -> throw new IllegalStateException("Unknown card payment provider '" + name + "' in "
                        + "shop.order.payments.card-provider: use " + RazorpayProvider.NAME + ", "
                        + FakeCardProvider.NAME + " (local mode), or leave it unset to take cash on delivery only");
            }
        });
        return new PaymentProviders(providers);
    }

    void validate(@Observes StartupEvent startup, PaymentProviders providers) {
        Log.infof("Card payments: %s", providers.card().map(PaymentProvider::name).orElse("none (cash on delivery only)"));
    }

    /** Razorpay with its credentials, each required: a missing one stops the start. */
    static RazorpayProvider razorpay(OrderConfig config) {
        OrderConfig.Razorpay razorpay = config.payments().razorpay();
        String keyId = required(razorpay.keyId(), "key-id");
        String keySecret = required(razorpay.keySecret(), "key-secret");
        String webhookSecret = required(razorpay.webhookSecret(), "webhook-secret");
        OrderConfig.Dependency settings = config.dependencies().razorpay();
        RazorpayApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(razorpay.baseUrl())
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(RazorpayApi.class);
        Log.infof("Card payments go through Razorpay at %s with key %s", razorpay.baseUrl(), keyId);
        return new RazorpayProvider(api, keyId, keySecret, webhookSecret, config.payments().webhookTolerance(),
                razorpay.webhookMaxAge(), settings);
    }

    private static String required(Optional<String> value, String key) {
        return value.map(String::strip).filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "shop.order.payments.card-provider=razorpay needs shop.order.payments.razorpay." + key
                        + " (environment SHOP_ORDER_PAYMENTS_RAZORPAY_" + key.toUpperCase(Locale.ROOT).replace('-', '_')
                        + ")"));
    }

    /** The configured secret, or the one in the secret file, generated there (readable by its owner only) if absent. */
    static String fakeCardSecret(OrderConfig.FakeCard config) {
        if (config.secret().isPresent() && !config.secret().get().isBlank()) {
            return config.secret().get();
        }
        Path file = config.secretFile().orElseThrow(() -> new IllegalStateException("The fake-card provider needs "
                + "shop.order.payments.fake-card.secret or shop.order.payments.fake-card.secret-file"));
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.writeString(file, StandardWebhooks.newSecret() + System.lineSeparator(),
                            StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    restrict(file);
                    Log.infof("Generated the fake-card signing secret in %s", file);
                } catch (FileAlreadyExistsException raced) {
                    // another replica wrote it first: use theirs
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException("The fake-card secret file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the fake-card secret file " + file, e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            Log.debugf("Cannot restrict the permissions of %s: %s", file, e.getMessage());
        }
    }
}
