package dev.shop.catalog.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class VehicleModelRepository implements ReactivePanacheMongoRepositoryBase<VehicleModelDocument, String> {
}
