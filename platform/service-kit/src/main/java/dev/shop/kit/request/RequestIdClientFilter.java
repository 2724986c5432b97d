package dev.shop.kit.request;

import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

import dev.shop.contracts.http.RequestIds;

/** Carries the current request id on every REST client call, so one id follows a request across services. */
@Provider
public class RequestIdClientFilter implements ResteasyReactiveClientRequestFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext context) {
        String id = RequestContext.currentId();
        if (id != null && !context.getHeaders().containsKey(RequestIds.HEADER)) {
            context.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }
}
