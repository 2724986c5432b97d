package dev.shop.catalog.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class CategoryRepository implements ReactivePanacheMongoRepositoryBase<CategoryDocument, ObjectId> {
}
