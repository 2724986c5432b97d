package dev.shop.catalog.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class ReviewRepository implements ReactivePanacheMongoRepositoryBase<ReviewDocument, ObjectId> {
}
