package dev.shop.order.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponRules;
import dev.shop.order.persistence.CouponDocument;
import dev.shop.order.persistence.CouponMapper;
import dev.shop.order.persistence.CouponRepository;
import dev.shop.order.persistence.OrderIndexes;
import io.smallrye.mutiny.Uni;

/**
 * The admin's coupons: create, read, change, withdraw. Changes go through the aggregate store (conditional on the
 * coupon's version, which also voids a discount computed under the old rules); usage is never touched here. Codes are
 * case-insensitive (stored upper case) and unique, also after a coupon is withdrawn, so an old order's use can never be
 * given back to a new coupon of the same code.
 */
@ApplicationScoped
public class CouponAdmin {

    private final AggregateStore<Coupon, CouponDocument> store;
    private final CouponRepository repository;
    private final OrderIndexes indexes;
    private final CouponMapper mapper = new CouponMapper();

    public CouponAdmin(CouponRepository repository, AggregateStores stores, OrderIndexes indexes) {
        this.store = stores.of(repository, mapper);
        this.repository = repository;
        this.indexes = indexes;
    }

    /** @throws ProblemException 409 when the code exists (or existed) */
    public Uni<Coupon> create(String code, CouponRules rules) {
        String normalised = Coupon.normaliseCode("code", code);
        Coupon coupon = Coupon.create(new ObjectId().toHexString(), normalised, rules, Instant.now());
        return indexes.ready().flatMap(ready -> store.insert(coupon, List.of()))
                .onFailure(MongoErrors::isDuplicateKey).transform(duplicate -> ProblemException.conflict(
                        "Coupon code " + normalised + " is taken (codes stay taken after a coupon is deleted)"));
    }

    /** @throws ProblemException 404 for an unknown or deleted coupon */
    public Uni<Coupon> get(String code) {
        return live(code).map(mapper::toDomain);
    }

    public Uni<Page<Coupon>> list(PageRequest page) {
        return repository.live(page)
                .map(slice -> Page.of(slice.items().stream().map(mapper::toDomain).toList(), page, slice.total()));
    }

    /**
     * New rules for the coupon; uses so far stay.
     *
     * @param expectedVersion the version the admin read, if sent: any other is 409 at once
     */
    public Uni<Coupon> revise(String code, CouponRules rules, Optional<Long> expectedVersion) {
        return live(code).flatMap(doc -> expectedVersion.isPresent()
                ? store.modify(doc.id, expectedVersion.get(), c -> c.revise(rules, Instant.now()))
                : store.modify(doc.id, c -> c.revise(rules, Instant.now())));
    }

    /** Withdraws the coupon: it no longer applies; orders that used it keep their discount. */
    public Uni<Void> delete(String code) {
        return live(code).flatMap(doc -> store.modify(doc.id, c -> c.delete(Instant.now()))).replaceWithVoid();
    }

    private Uni<CouponDocument> live(String code) {
        String normalised = Coupon.tryNormaliseCode(code).orElse(null);
        if (normalised == null) {
            return Uni.createFrom().failure(ProblemException.notFound("No coupon " + printable(code)));
        }
        return repository.findByCode(normalised).map(found -> found.filter(c -> !c.deleted)
                .orElseThrow(() -> ProblemException.notFound("No coupon " + normalised)));
    }

    private static String printable(String code) {
        String shown = code == null ? "" : code.length() > 40 ? code.substring(0, 40) + "…" : code;
        return shown.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
