package dev.shop.auth.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.auth.config.AuthConfig;

/**
 * The refresh-token cookie: {@code HttpOnly; Secure; SameSite=Strict; Path=/api/v1/auth}, so scripts cannot read it
 * and browsers send it only to the auth endpoints of this site.
 */
@ApplicationScoped
public class RefreshCookie {

    private final AuthConfig.Sessions.Cookie config;

    public RefreshCookie(AuthConfig config) {
        this.config = config.sessions().cookie();
    }

    /** Cookie name fixed by the public API (docs/api.md). */
    public static final String NAME = "refresh_token";

    public String set(String token, Duration maxAge) {
        return NAME + "=" + token + "; Max-Age=" + maxAge.toSeconds() + "; Path=" + config.path()
                + attributes();
    }

    public String clear() {
        return NAME + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=" + config.path()
                + attributes();
    }

    private String attributes() {
        return (config.secure() ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
    }
}
