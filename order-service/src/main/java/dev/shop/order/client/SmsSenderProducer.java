package dev.shop.order.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.shop.order.application.SmsSender;
import dev.shop.order.config.OrderConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Chooses the SMS provider named by {@code shop.order.notifications.provider}; an unknown name stops the start. */
@Singleton
public class SmsSenderProducer {

    // Application-scoped (a client proxy), so that a test can put a provider of its own in for one test.
    @Produces
    @ApplicationScoped
    SmsSender smsSender(OrderConfig config) {
        OrderConfig.Notifications notifications = config.notifications();
        return switch (notifications.provider()) {
            case "console" -> {
                Log.warnf("Customer SMS go to the console and %s: local mode only", notifications.console().file());
                yield new ConsoleSmsSender(notifications.console().file());
            }
            case "none" -> new NoSms();
            default -> throw new IllegalStateException("Unknown SMS provider '" + notifications.provider()
                    + "' in shop.order.notifications.provider: use console or none");
        };
    }

    void validate(@Observes StartupEvent startup, SmsSender sender) {
        if (sender.delivers()) {
            Log.infof("Customer SMS provider: %s", sender.name());
        } else {
            Log.warn("No SMS provider (shop.order.notifications.provider=none): order messages are recorded, not sent");
        }
    }

    /** Sends nothing; the notifications are recorded as skipped. */
    static final class NoSms implements SmsSender {

        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean delivers() {
            return false;
        }

        @Override
        public Uni<Void> send(SmsMessage message) {
            return Uni.createFrom().voidItem();
        }
    }
}
