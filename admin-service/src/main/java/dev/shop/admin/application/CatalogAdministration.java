package dev.shop.admin.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.admin.client.CatalogService;
import dev.shop.admin.client.DownstreamReply;
import dev.shop.admin.client.DownstreamRequest;
import dev.shop.admin.persistence.ProductEntryDocument;
import io.smallrye.mutiny.Uni;

/**
 * The audited pass-through to catalog-service's admin endpoints. The request body goes through untouched and the
 * answer (a refusal too, with its status and problem) comes back untouched: the catalogue's rules live in the
 * catalogue. What this adds is the audit entry, with the product's state before from the product summary.
 */
@ApplicationScoped
public class CatalogAdministration {

    private final CatalogService catalog;
    private final AuditedCommands commands;
    private final ProductSummary products;
    private final AuditValues values;

    public CatalogAdministration(CatalogService catalog, AuditedCommands commands, ProductSummary products,
            AuditValues values) {
        this.catalog = catalog;
        this.commands = commands;
        this.products = products;
        this.values = values;
    }

    /**
     * @param paramValues values of the operation's path parameters, in order
     * @param contentType the request's media type (null without a body)
     * @param body the request body as sent, or null
     */
    public Uni<DownstreamReply> forward(AdminCaller caller, CatalogOperation operation, List<String> paramValues,
            String contentType, String body) {
        if (paramValues.size() != operation.params().size()) {
            throw new IllegalArgumentException(operation + " takes " + operation.params());
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < paramValues.size(); i++) {
            pairs.add(operation.params().get(i));
            pairs.add(paramValues.get(i));
        }
        DownstreamRequest request = DownstreamRequest.of(operation.method(), operation.path(), caller.credentials(),
                pairs.toArray(String[]::new));
        DownstreamRequest withBody = body == null || body.isEmpty() ? request : request.withBody(contentType, body);
        String targetId = targetId(operation, paramValues);
        return before(operation, paramValues).flatMap(before -> commands.forward(caller, CatalogService.NAME,
                new AuditedCommands.Command(operation.action(), operation.targetType(), targetId, before,
                        values.ofBody(body, contentType)),
                () -> catalog.send(withBody),
                reply -> values.ofBody(reply.body(), reply.contentType())));
    }

    /**
     * What the entry names as target: the product, brand or category (also for its images, models), a model as
     * {@code BRAND/MODEL}; for a creation, what the answer names.
     */
    private static String targetId(CatalogOperation operation, List<String> paramValues) {
        if (paramValues.isEmpty()) {
            return null;
        }
        if (operation.targetType().equals("model") && paramValues.size() == 2) {
            return paramValues.get(0) + "/" + paramValues.get(1);
        }
        return paramValues.get(0);
    }

    private Uni<String> before(CatalogOperation operation, List<String> paramValues) {
        if (!operation.onProduct()) {
            return Uni.createFrom().nullItem();
        }
        return products.find(paramValues.get(0)).map(found -> found.map(this::snapshot).orElse(null));
    }

    private String snapshot(ProductEntryDocument p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sku", p.sku);
        view.put("name", p.name);
        view.put("status", p.status);
        view.put("price", p.price == null ? null : Map.of("amount", p.price.amount, "currency", p.price.currency));
        view.put("stock", p.stock);
        view.put("version", p.version);
        view.put("deleted", p.deleted ? Boolean.TRUE : null);
        return values.of(view);
    }
}
