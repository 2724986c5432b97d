package dev.shop.order.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponRefused;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.persistence.CouponDocument;
import dev.shop.order.persistence.CouponMapper;
import dev.shop.order.persistence.CouponRepository;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.persistence.ProductViewDocument;
import dev.shop.order.persistence.ProductViewRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Coupons at checkout. The coupon decides whether it applies and what it takes off each line ({@link Coupon#apply});
 * the use is then counted by one conditional update of the coupon's document ({@link CouponRepository#claim}), which
 * succeeds only while uses are left in all and for the customer and the rules are still those the discount was computed
 * with; a lost race re-reads the coupon and decides again, so the refusal names the real reason (used up, limit per
 * customer reached). A checkout whose order is not stored gives its use back at once; an order cancelled or rejected
 * gives it back through its event ({@code CouponUsageConsumer}); a use whose order never appeared (the service stopped
 * in between) is given back by the sweep after {@code shop.order.coupons.claim-timeout}.
 * <p>
 * Product categories for category-scoped coupons come from this service's product read model (kept from the
 * catalogue's product events); a product whose events have not arrived qualifies by its id only.
 */
@ApplicationScoped
public class CouponRedemptions implements CouponPolicy {

    /** Reads and claims of one checkout before giving up. */
    static final int CLAIM_ATTEMPTS = 5;

    private final CouponRepository coupons;
    private final ProductViewRepository products;
    private final OrderRepository orders;
    private final OrderConfig.Coupons config;
    private final CouponMapper mapper = new CouponMapper();

    public CouponRedemptions(CouponRepository coupons, ProductViewRepository products, OrderRepository orders,
            OrderConfig config) {
        this.coupons = coupons;
        this.products = products;
        this.orders = orders;
        this.config = config.coupons();
    }

    /**
     * What the coupon would take off {@code lines} for the customer now, without counting a use.
     *
     * @throws CouponRefused naming why it does not apply (unknown: 422 {@code coupon-unknown})
     */
    public Uni<Coupon.Discounted> preview(String userId, String code, List<OrderLine> lines) {
        return load(code).flatMap(coupon -> categories(lines)
                .map(categories -> coupon.apply(userId, lines, categories, Instant.now())));
    }

    @Override
    public Uni<List<OrderLine>> redeem(String userId, String orderId, String couponCode, List<OrderLine> lines) {
        if (couponCode == null || couponCode.isBlank()) {
            return Uni.createFrom().item(lines);
        }
        String code = Coupon.tryNormaliseCode(couponCode)
                .orElseThrow(() -> CouponRefused.unknown(couponCode.strip().replaceAll("[^A-Za-z0-9_-]", "?")));
        return categories(lines).flatMap(categories -> claim(userId, orderId, code, lines, categories, CLAIM_ATTEMPTS));
    }

    @Override
    public Uni<Void> release(String orderId) {
        return coupons.holding(orderId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            CouponDocument coupon = found.get();
            return mapper.toDomain(coupon).redemptionOf(orderId)
                    .map(r -> coupons.release(coupon.id, orderId, r.customer())
                            .invoke(released -> {
                                if (released) {
                                    Log.infof("Coupon %s: the use of order %s is given back", coupon.code, orderId);
                                }
                            }).replaceWithVoid())
                    .orElseGet(() -> Uni.createFrom().voidItem());
        });
    }

    /** The order holding a use exists: the sweep of abandoned claims leaves it alone. */
    public Uni<Void> placed(String orderId) {
        return coupons.holding(orderId).flatMap(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : coupons.placed(found.get().id, orderId));
    }

    @Scheduled(every = "${shop.order.coupons.sweep-interval:1m}", delayed = "${shop.order.coupons.sweep-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return sweep(Instant.now()).onFailure().recoverWithItem(failure -> {
            Log.warnf("Sweep of coupon claims failed; the next one retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /**
     * Gives back uses claimed more than the claim timeout before {@code now} by orders that do not exist; marks those
     * whose order does exist. Returns how many claims were looked at.
     */
    public Uni<Integer> sweep(Instant now) {
        Instant before = now.minus(config.claimTimeout());
        return coupons.withUnplacedClaims(before, 100).flatMap(list -> Multi.createFrom().iterable(list)
                .onItem().transformToMultiAndConcatenate(coupon -> Multi.createFrom().iterable(coupon.redemptions)
                        .filter(r -> !r.placed && r.at != null && r.at.isBefore(before))
                        .map(r -> Map.entry(coupon, r)))
                .onItem().transformToUniAndConcatenate(entry -> {
                    CouponDocument coupon = entry.getKey();
                    CouponDocument.RedemptionDocument claim = entry.getValue();
                    return OrderIds.tryParse(claim.orderId).map(orders::findById).orElse(Uni.createFrom().nullItem())
                            .flatMap(order -> {
                                if (order != null) {
                                    return coupons.placed(coupon.id, claim.orderId);
                                }
                                Log.warnf("Coupon %s: order %s never appeared; its use is given back", coupon.code,
                                        claim.orderId);
                                return coupons.release(coupon.id, claim.orderId, claim.customer).replaceWithVoid();
                            }).replaceWith(1);
                })
                .collect().asList().map(List::size));
    }

    private Uni<List<OrderLine>> claim(String userId, String orderId, String code, List<OrderLine> lines,
            Map<String, String> categories, int attemptsLeft) {
        return load(code).flatMap(coupon -> {
            Instant now = Instant.now();
            Coupon.Discounted discounted = coupon.apply(userId, lines, categories, now);
            return coupons.claim(new ObjectId(coupon.id()), coupon.version(), coupon.rules().maxUses(),
                    coupon.rules().maxUsesPerCustomer(), orderId, Coupon.customerKey(userId), now)
                    .flatMap(claimed -> {
                        if (claimed) {
                            return Uni.createFrom().item(discounted.lines());
                        }
                        if (attemptsLeft > 1) {
                            return claim(userId, orderId, code, lines, categories, attemptsLeft - 1);
                        }
                        return Uni.createFrom().failure(CouponRefused.usedUp(code));
                    });
        });
    }

    private Uni<Coupon> load(String code) {
        String normalised = Coupon.tryNormaliseCode(code).orElseThrow(() -> CouponRefused.unknown("?"));
        return coupons.findByCode(normalised).map(found -> found.filter(c -> !c.deleted).map(mapper::toDomain)
                .orElseThrow(() -> CouponRefused.unknown(normalised)));
    }

    private Uni<Map<String, String>> categories(List<OrderLine> lines) {
        return products.byIds(lines.stream().map(OrderLine::productId).toList())
                .map(views -> views.values().stream().filter(v -> v.categoryId != null)
                        .collect(Collectors.toMap(v -> v.id, (ProductViewDocument v) -> v.categoryId, (a, b) -> a)));
    }
}
