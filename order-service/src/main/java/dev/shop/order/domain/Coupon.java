package dev.shop.order.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.shop.contracts.common.Money;
import dev.shop.kit.problem.ProblemException;

/**
 * A coupon: its rules (what it takes off, when, for whom) and its usage. The usage is counted by conditional updates
 * of the coupon's document (see {@code CouponRepository}), not here: this class decides whether a coupon applies and by
 * how much, and reports why not; the document's atomic update makes sure no more orders use it than the limits allow
 * however many arrive at once.
 */
public final class Coupon {

    public static final String AGGREGATE = "coupon";

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,39}");
    private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * An order that uses the coupon.
     *
     * @param orderId the order
     * @param customer {@link #customerKey} of its customer
     * @param at when the use was claimed
     * @param placed whether the order is known to exist (a claim whose order never appears is given back)
     */
    public record Redemption(String orderId, String customer, Instant at, boolean placed) {
    }

    /**
     * What the coupon takes off an order.
     *
     * @param lines the order's lines, each with its discount
     * @param discountTotal the sum of the line discounts
     */
    public record Discounted(List<OrderLine> lines, Money discountTotal) {
    }

    private final String id;
    private final String code;
    private CouponRules rules;
    private boolean deleted;
    private final int uses;
    private final Map<String, Integer> customerUses;
    private final List<Redemption> redemptions;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    public Coupon(String id, String code, CouponRules rules, boolean deleted, int uses,
            Map<String, Integer> customerUses, List<Redemption> redemptions, Instant createdAt, Instant updatedAt,
            long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.code = Objects.requireNonNull(code, "code");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.deleted = deleted;
        this.uses = uses;
        this.customerUses = customerUses == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(customerUses));
        this.redemptions = redemptions == null ? List.of() : List.copyOf(redemptions);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = updatedAt == null ? createdAt : updatedAt;
        this.version = version;
    }

    public static Coupon create(String id, String code, CouponRules rules, Instant now) {
        return new Coupon(id, code, rules, false, 0, Map.of(), List.of(), now, now, 0);
    }

    /**
     * A code as customers type it, upper-cased.
     *
     * @throws ProblemException 400 unless 3–40 letters, digits, {@code -} or {@code _} (starting with a letter or digit)
     */
    public static String normaliseCode(String field, String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalised).matches()) {
            throw ProblemException.invalid(field, "3-40 letters, digits, - or _");
        }
        return normalised;
    }

    /** A code as typed, upper-cased, if it can be a code at all. */
    public static Optional<String> tryNormaliseCode(String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        return CODE.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }

    /**
     * The key a customer's uses are counted under in the coupon's document: the user id itself when it is a plain id,
     * otherwise a hash of it (document field names cannot hold every character).
     */
    public static String customerKey(String userId) {
        if (PLAIN_USER.matcher(userId).matches()) {
            return userId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return "h_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** New rules; usage so far stays. */
    public List<Object> revise(CouponRules next, Instant now) {
        requireLive();
        rules = next;
        updatedAt = now;
        return List.of();
    }

    /** Withdraws the coupon. Orders that used it keep their discount; the code stays taken. */
    public List<Object> delete(Instant now) {
        requireLive();
        deleted = true;
        updatedAt = now;
        return List.of();
    }

    /**
     * What the coupon takes off {@code lines} for {@code userId} at {@code now}, spread over the lines it applies to in
     * proportion to their totals (to the minor unit; the line discounts add up to the discount exactly).
     *
     * @param categories the category of each product, where known (a line of unknown category only qualifies by its
     *        product id)
     * @throws CouponRefused naming the first rule that refuses it
     */
    public Discounted apply(String userId, List<OrderLine> lines, Map<String, String> categories, Instant now) {
        if (deleted) {
            throw CouponRefused.unknown(code);
        }
        if (rules.validFrom() != null && now.isBefore(rules.validFrom())) {
            throw CouponRefused.notYetValid(code, rules.validFrom());
        }
        if (rules.validTo() != null && !now.isBefore(rules.validTo())) {
            throw CouponRefused.expired(code, rules.validTo());
        }
        if (rules.maxUses() != null && uses >= rules.maxUses()) {
            throw CouponRefused.usedUp(code);
        }
        if (rules.maxUsesPerCustomer() != null
                && customerUses.getOrDefault(customerKey(userId), 0) >= rules.maxUsesPerCustomer()) {
            throw CouponRefused.customerLimit(code, rules.maxUsesPerCustomer());
        }
        String currency = lines.get(0).unitPrice().currency();
        if (!currency.equals(rules.currency())) {
            throw CouponRefused.notApplicable(code, "is for orders in " + rules.currency());
        }
        Money zero = new Money(0, currency);
        Money subtotal = lines.stream().map(OrderLine::lineTotal).reduce(zero, Money::plus);
        if (subtotal.amount() < rules.minSubtotal()) {
            throw CouponRefused.belowMinimum(code, Amounts.format(new Money(rules.minSubtotal(), currency)),
                    Amounts.format(subtotal));
        }
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (appliesTo(lines.get(i), categories)) {
                eligible.add(i);
            }
        }
        if (eligible.isEmpty()) {
            throw CouponRefused.notApplicable(code, "applies to none of these products");
        }
        long[] weights = eligible.stream().mapToLong(i -> lines.get(i).lineTotal().amount()).toArray();
        long base = 0;
        for (long w : weights) {
            base = Math.addExact(base, w);
        }
        long discount = rules.kind() == CouponKind.PERCENT
                ? BigInteger.valueOf(base).multiply(BigInteger.valueOf(rules.value()))
                        .divide(BigInteger.valueOf(100)).longValueExact()
                : Math.min(rules.value(), base);
        if (rules.maxDiscount() != null) {
            discount = Math.min(discount, rules.maxDiscount());
        }
        if (discount <= 0) {
            throw CouponRefused.notApplicable(code, "takes nothing off these products");
        }
        long[] shares = Amounts.distribute(discount, weights);
        List<OrderLine> discounted = new ArrayList<>(lines);
        for (int k = 0; k < eligible.size(); k++) {
            int i = eligible.get(k);
            discounted.set(i, lines.get(i).withDiscount(new Money(shares[k], currency)));
        }
        return new Discounted(List.copyOf(discounted), new Money(discount, currency));
    }

    /** The redemption of {@code orderId}, if the order uses the coupon. */
    public Optional<Redemption> redemptionOf(String orderId) {
        return redemptions.stream().filter(r -> r.orderId().equals(orderId)).findFirst();
    }

    private boolean appliesTo(OrderLine line, Map<String, String> categories) {
        if (rules.appliesToEverything() || rules.productIds().contains(line.productId())) {
            return true;
        }
        String category = categories.get(line.productId());
        return category != null && rules.categoryIds().contains(category);
    }

    private void requireLive() {
        if (deleted) {
            throw ProblemException.notFound("No coupon " + code);
        }
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public CouponRules rules() {
        return rules;
    }

    public boolean deleted() {
        return deleted;
    }

    public int uses() {
        return uses;
    }

    public Map<String, Integer> customerUses() {
        return customerUses;
    }

    public List<Redemption> redemptions() {
        return redemptions;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
