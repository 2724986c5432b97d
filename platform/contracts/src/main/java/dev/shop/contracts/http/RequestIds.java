package dev.shop.contracts.http;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} rules shared by the gateway and the services: an inbound id is kept when it is a short
 * token of safe characters (it ends up in logs and headers), otherwise a new one is made.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Kafka record header carrying the request id of the command that caused an event. */
    public static final String KAFKA_HEADER = "x-request-id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

    private RequestIds() {
    }

    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The inbound id when acceptable, else a new one. */
    public static String acceptOrCreate(String inbound) {
        return isAcceptable(inbound) ? inbound : newId();
    }
}
