package dev.shop.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

import dev.shop.admin.application.AdminCaller;
import dev.shop.kit.request.RequestContext;
import dev.shop.kit.security.CurrentUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The admin making the current request: the token's subject, the {@code Authorization} header exactly as it came (to
 * forward), the request id and the client's address (behind the gateway, from {@code X-Forwarded-For}, which Quarkus
 * honours only from the proxies in {@code quarkus.http.proxy.trusted-proxies}).
 */
@RequestScoped
public class AdminCallers {

    private final CurrentUser user;
    private final HttpServerRequest request;

    public AdminCallers(CurrentUser user, HttpServerRequest request) {
        this.user = user;
        this.request = request;
    }

    public AdminCaller current() {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            authorization = user.rawToken().map(token -> "Bearer " + token).orElse(null);
        }
        SocketAddress address = request.remoteAddress();
        return new AdminCaller(user.id(), authorization, RequestContext.currentId(),
                address == null ? null : address.hostAddress());
    }
}
