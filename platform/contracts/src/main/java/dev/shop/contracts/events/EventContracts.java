package dev.shop.contracts.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up the {@link EventContract} of an event payload class (cached; one reflective read per class). */
public final class EventContracts {

    /** Where a payload goes and how it is named. */
    public record Contract(String topic, String type, int version) {
    }

    private static final Map<Class<?>, Contract> CACHE = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /**
     * @throws IllegalArgumentException when the class is not an event payload (has no {@link EventContract})
     */
    public static Contract of(Class<?> payloadType) {
        return CACHE.computeIfAbsent(payloadType, type -> {
            EventContract annotation = type.getAnnotation(EventContract.class);
            if (annotation == null) {
                throw new IllegalArgumentException(type.getName() + " is not an event payload: it has no @"
                        + EventContract.class.getSimpleName());
            }
            return new Contract(annotation.topic(), annotation.type(), annotation.version());
        });
    }

    public static Contract of(Object payload) {
        return of(payload.getClass());
    }
}
