package dev.shop.cart.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class WishlistRepository implements ReactivePanacheMongoRepositoryBase<WishlistDocument, String> {
}
