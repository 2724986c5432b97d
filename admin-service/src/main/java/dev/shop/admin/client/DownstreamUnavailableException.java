package dev.shop.admin.client;

/**
 * A downstream service could not be reached, did not answer in time, or answered with a server error. Counted by the
 * service's circuit breaker; answered 503 to the admin.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String service;

    public DownstreamUnavailableException(String service, String message, Throwable cause) {
        super(service + " " + message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
