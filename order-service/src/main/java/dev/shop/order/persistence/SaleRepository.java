package dev.shop.order.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class SaleRepository implements ReactivePanacheMongoRepositoryBase<SaleDocument, String> {
}
