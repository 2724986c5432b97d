package dev.shop.kit.aggregate;

/**
 * Maps an aggregate to the document that stores it and back. Lives in a service's {@code persistence} package; the
 * domain never sees documents.
 * <p>
 * The document class is a Panache document with an id field, a {@code long version} and a
 * {@code List<OutboxEvent> outbox}. {@link #toDocument} writes the version the aggregate was <em>loaded</em> at (the
 * store increments it); it may leave the outbox empty (the store owns it).
 *
 * @param <A> the aggregate (plain Java, in {@code domain})
 * @param <D> its document
 */
public interface AggregateMapper<A, D> {

    A toDomain(D document);

    D toDocument(A aggregate);
}
