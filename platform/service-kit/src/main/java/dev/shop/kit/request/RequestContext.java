package dev.shop.kit.request;

import org.jboss.logging.MDC;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The request id of the work in progress: an HTTP request, or an event being consumed. It is kept in the Vert.x
 * duplicated context (which follows a request across reactive hops) and in the logging MDC as {@code requestId}.
 */
public final class RequestContext {

    public static final String KEY = "requestId";

    private RequestContext() {
    }

    /** The current request id, or {@code null} outside any request or event. */
    public static String currentId() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Object id = context.getLocal(KEY);
            if (id != null) {
                return id.toString();
            }
        }
        Object fromMdc = MDC.get(KEY);
        return fromMdc == null ? null : fromMdc.toString();
    }

    /** Makes {@code id} the current request id for the rest of this unit of work. */
    public static void set(String id) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(KEY, id);
        }
        MDC.put(KEY, id);
    }
}
