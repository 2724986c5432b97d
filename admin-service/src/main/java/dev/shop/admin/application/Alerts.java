package dev.shop.admin.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.admin.domain.Alert;
import dev.shop.admin.domain.AlertKind;
import dev.shop.admin.persistence.AlertDocument;
import dev.shop.admin.persistence.AlertMapper;
import dev.shop.admin.persistence.AlertRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Alerts: raised from events (low stock, payment failures and refunds due, dead-lettered events), listed, and
 * acknowledged by an admin, who is recorded on the alert and in the audit log.
 */
@ApplicationScoped
public class Alerts {

    private final AggregateStore<Alert, AlertDocument> store;
    private final AlertRepository alerts;
    private final AuditedCommands commands;
    private final UserDirectory directory;
    private final AuditValues values;

    public Alerts(AlertRepository alerts, AggregateStores stores, AuditedCommands commands, UserDirectory directory,
            AuditValues values) {
        this.alerts = alerts;
        this.store = stores.of(alerts, AlertMapper.INSTANCE);
        this.commands = commands;
        this.directory = directory;
        this.values = values;
    }

    /** Stores a new alert; one that exists already (a redelivered event) is left as it is. */
    public Uni<Void> raise(Alert alert) {
        return store.insert(alert, List.of()).replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull();
    }

    public Uni<Void> raiseAll(List<Alert> raised) {
        return Multi.createFrom().iterable(raised)
                .onItem().transformToUniAndConcatenate(this::raise)
                .collect().last()
                .replaceWithVoid();
    }

    public Uni<Page<Alert>> list(Alert.Status status, AlertKind kind, PageRequest page) {
        return alerts.search(status, kind, page);
    }

    /**
     * Marks the alert as handled by the caller.
     *
     * @throws dev.shop.kit.problem.ProblemException 404 for an unknown alert, 409 when it was acknowledged already
     */
    public Uni<Alert> acknowledge(AdminCaller caller, String alertId, String note) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("note", note);
        return store.find(alertId).flatMap(found -> commands.local(caller,
                new AuditedCommands.Command("alert.ack", "alert", alertId,
                        found.map(a -> values.of(Map.of("status", a.status().name(), "kind", a.kind().name())))
                                .orElse(null),
                        values.of(request)),
                () -> directory.phoneOf(caller.id()).flatMap(phone -> store.modify(alertId,
                        alert -> alert.acknowledge(caller.id(), phone, note, Instant.now()))),
                200,
                alert -> values.of(Map.of("status", alert.status().name(), "acknowledgedBy", caller.id()))));
    }
}
