package dev.shop.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Commands to a running infrastructure process over its loopback control endpoint: stop and start the Kafka broker on
 * its own (MongoDB and every service keep running), for outage drills ({@code ./shop kafka stop|start|status}) and the
 * system tests.
 */
public final class InfraControl {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** Stopping or starting a broker takes a few seconds; on a loaded machine much longer. */
    private static final int READ_TIMEOUT_MS = 120_000;

    private final URI kafka;

    public InfraControl(InfraSettings settings) {
        this.kafka = settings.kafkaControlUrl();
    }

    /** Stops the broker and returns once it is down. */
    public String stopKafka() {
        return call("POST", kafka.resolve("/kafka/stop"));
    }

    /** Starts the broker (same ports, same data) and returns once it accepts clients. */
    public String startKafka() {
        return call("POST", kafka.resolve("/kafka/start"));
    }

    /** {@code {"kafka":"running"}} or {@code {"kafka":"stopped"}}. */
    public String kafkaState() {
        return call("GET", kafka);
    }

    private static String call(String method, URI url) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setUseCaches(false);
            if (method.equals("POST")) {
                connection.setDoOutput(true);
                connection.getOutputStream().close();
            }
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) {
                throw new IllegalStateException(method + " " + url + " answered " + status + " " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("the infrastructure process does not answer at " + url + " ("
                    + e.getMessage() + "); is the stack running?", e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
