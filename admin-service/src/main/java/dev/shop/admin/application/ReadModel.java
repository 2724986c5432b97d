package dev.shop.admin.application;

import java.util.List;
import java.util.Optional;

import dev.shop.admin.persistence.ReadModelCollections;
import dev.shop.contracts.events.Topics;

/** The read models built from other services' events, each with the topics it is built from. */
public enum ReadModel {

    USERS("users", ReadModelCollections.USERS, List.of(Topics.IDENTITY_USERS)),
    ORDERS("orders", ReadModelCollections.ORDERS, List.of(Topics.ORDERS)),
    PRODUCTS("products", ReadModelCollections.PRODUCTS, List.of(Topics.CATALOG_PRODUCTS, Topics.CATALOG_INVENTORY));

    private final String pathName;
    private final String collection;
    private final List<String> topics;

    ReadModel(String pathName, String collection, List<String> topics) {
        this.pathName = pathName;
        this.collection = collection;
        this.topics = topics;
    }

    /** The name used in {@code /admin/replay/{readModel}}. */
    public String pathName() {
        return pathName;
    }

    public String collection() {
        return collection;
    }

    /** Where a replay builds the model before swapping it in. */
    public String shadowCollection() {
        return collection + "_rebuild";
    }

    public List<String> topics() {
        return topics;
    }

    public static Optional<ReadModel> byPathName(String name) {
        for (ReadModel model : values()) {
            if (model.pathName.equals(name)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
