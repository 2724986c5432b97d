package dev.shop.contracts.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code type} URI a problem answer of the shop can carry, with what it means for a client. The gateway serves
 * each entry at its URI ({@code GET /problems/<slug>}), so a problem's {@code type} resolves to its explanation;
 * {@code docs/api.md} lists the same entries, and the service tests check that every problem they observe has a type
 * listed here.
 *
 * <p>
 * A service that adds a problem type adds its entry here (and the test of this class makes sure the API guide names
 * it).
 */
public final class ProblemCatalogue {

    /**
     * One kind of problem.
     *
     * @param slug the last segment of the type URI, {@code /problems/<slug>}
     * @param status the HTTP status it comes with
     * @param title the {@code title} the answer carries (the same for every occurrence)
     * @param meaning what happened and what a client should do, in a few sentences
     * @param raisedBy who answers with it: {@code any} (every service and the gateway), {@code gateway}, or a service
     */
    public record Entry(String slug, int status, String title, String meaning, String raisedBy) {

        /** The type URI as problems carry it, e.g. {@code /problems/validation}. */
        public String type() {
            return PREFIX + slug;
        }
    }

    /** Path under which the types live, relative to the API's origin. */
    public static final String PREFIX = "/problems/";

    private static final List<Entry> ENTRIES = List.of(
            common(ProblemType.VALIDATION, "One or more inputs are invalid. `violations` lists each offending body field, "
                    + "query parameter or header as `{field, message}`; fix them and send the request again."),
            common(ProblemType.MALFORMED_REQUEST, "The request could not be read: the body is not valid JSON or a field "
                    + "has the wrong JSON type (the field is named in `detail` and `violations`), a field appears twice, "
                    + "the query string does not decode, a value holds a NUL character, or `Content-Type` is not a "
                    + "valid media type. Sending the same request again gives the same answer."),
            common(ProblemType.UNAUTHORIZED, "No access token, or one that is not valid: expired (`detail` says so; "
                    + "refresh it with POST /api/v1/auth/refresh), signed by an unknown key, for another audience or "
                    + "issuer, or of a session that has ended (logout, password reset, blocked account). A token that is "
                    + "sent must be valid even on public routes. Comes with `WWW-Authenticate: Bearer`."),
            common(ProblemType.FORBIDDEN, "The token is valid but its roles do not allow this operation (e.g. a "
                    + "customer calling an admin endpoint), or the origin of a browser call is not allowed by CORS. "
                    + "Signing in again will not change it."),
            common(ProblemType.NOT_FOUND, "Nothing exists at this path or with this id, or it belongs to another user "
                    + "(another user's cart line, address, order or review is answered 404 rather than 403, so ids "
                    + "cannot be probed). Also: a path the gateway does not route."),
            common(ProblemType.METHOD_NOT_ALLOWED, "The path exists but not with this HTTP method; `Allow` lists the "
                    + "methods it takes."),
            common(ProblemType.NOT_ACCEPTABLE, "None of the media types in `Accept` can be produced; accept "
                    + "`application/json` (and `application/problem+json` for errors)."),
            common(ProblemType.CONFLICT, "The request conflicts with the current state: a duplicate (an SKU, slug, "
                    + "brand code or phone number that already exists, a second review of the same product), a state "
                    + "transition the resource does not allow (cancelling a shipped order, acknowledging an alert "
                    + "twice), or a resource that is still in use (deleting a brand that products use). Re-read the "
                    + "resource; repeating the same request gives the same answer."),
            common(ProblemType.STALE_VERSION, "The resource was changed since the `version` the request is based on was "
                    + "read (optimistic concurrency). Read it again, re-apply the change and send it with the new "
                    + "`version`."),
            common(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed: 10 MB at the gateway, 1 MB "
                    + "at most services, 6 MB at catalog-service, whose product images may have 5 MB."),
            new Entry("uri-too-long", 414, "Request URI too long", "The request line (method, path and query string) is "
                    + "longer than 8 KB. Shorten the query, e.g. fewer filter values per request.", "any"),
            common(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body's `Content-Type` is missing, a wildcard, or not one "
                    + "the operation takes. JSON bodies need `Content-Type: application/json`; image uploads "
                    + "`multipart/form-data` with a JPEG, PNG or WebP file (recognised from its bytes)."),
            new Entry("headers-too-large", 431, "Request headers too large", "The request headers are larger than "
                    + "16 KB in total (at the gateway) or than the server reads at all. Usually an oversized cookie "
                    + "or a token sent several times.", "any"),
            common(ProblemType.BUSINESS_RULE, "The request is well-formed but a business rule refuses it; `detail` says "
                    + "which (an address book that is full, a stock adjustment below zero). Changing the input or the "
                    + "state it depends on is needed."),
            common(ProblemType.TOO_MANY_REQUESTS, "A rate limit or a sending budget is used up: the gateway's bucket for "
                    + "this caller and route (see the `RateLimit-*` headers), or one of auth-service's one-time-code "
                    + "budgets or the password sign-in lock of a phone number. Wait `Retry-After` seconds (also "
                    + "`retryAfterSeconds` in the body) before trying again."),
            common(ProblemType.INTERNAL, "An unexpected failure on the server. Nothing about the request is known to be "
                    + "wrong; quote the `traceId` to support. Safe to retry for reads; for commands, check their effect "
                    + "first."),
            common(ProblemType.BAD_GATEWAY, "The service behind the gateway closed the connection without a valid "
                    + "answer. The command may or may not have happened: check before repeating it."),
            common(ProblemType.SERVICE_UNAVAILABLE, "A service, or a dependency it needs for this request (the SMS "
                    + "provider, another service at checkout), is down or its circuit breaker is open. Nothing was "
                    + "changed unless `detail` says otherwise; try again after `Retry-After` seconds when given."),
            common(ProblemType.GATEWAY_TIMEOUT, "The service did not start answering in time (10 s by default). A "
                    + "command may still complete: check its effect before repeating it."),

            // auth-service
            new Entry("invalid-otp", 400, "Invalid one-time code", "The one-time code is wrong, expired (codes live 5 "
                    + "minutes), already used, out of attempts (5 per code) or was sent for another registration or "
                    + "purpose; `detail` says which, and how many attempts are left. Request a new code when it has expired or no "
                    + "attempts are left.", "auth-service"),
            new Entry("invalid-reset-token", 400, "Invalid reset token", "The password reset token is unknown, expired "
                    + "(15 minutes) or already used. Start again with POST /api/v1/auth/password/forgot.",
                    "auth-service"),
            new Entry("account-blocked", 403, "Account blocked", "The account has been blocked by an administrator: no "
                    + "sign-in, refresh or profile call succeeds until it is unblocked.", "auth-service"),

            // cart-service
            new Entry("product-unavailable", 422, "Product not available", "The product exists but cannot be bought now "
                    + "(a draft or archived product, or one priced in another currency).", "cart-service"),
            new Entry("insufficient-stock", 422, "Not enough stock", "The cart line would hold more units than are in "
                    + "stock; `detail` ends with `available: N`.", "cart-service"),
            new Entry("cart-limit", 422, "Cart limit reached", "A cart line holds at most 99 units and a cart at most "
                    + "100 products; a wishlist holds at most 200 products (title: Wishlist limit reached).",
                    "cart-service"),

            // order-service
            new Entry("cart-empty", 422, "The cart is empty", "An order is built from the caller's cart, which has no "
                    + "line. Add products to the cart first.", "order-service"),
            new Entry("items-unavailable", 422, "Some items cannot be ordered", "At least one cart line cannot be sold "
                    + "as asked (unknown, no longer for sale, out of stock, not enough stock); `violations` has one "
                    + "entry per line, `items[<productId>]`, with the reason. Nothing was ordered.", "order-service"),
            new Entry("coupon-unknown", 422, "Unknown coupon", "No coupon has this code (codes are compared "
                    + "without regard to case). Check the spelling, or order without it.", "order-service"),
            new Entry("coupon-not-yet-valid", 422, "The coupon is not valid yet", "The coupon exists but its "
                    + "validity starts later; `detail` names the instant from which it can be used.", "order-service"),
            new Entry("coupon-expired", 422, "The coupon has expired", "The coupon's validity has ended; `detail` "
                    + "names when. Order without it or with another code.", "order-service"),
            new Entry("coupon-used-up", 422, "The coupon is used up", "The coupon has been redeemed as often as it "
                    + "may be, by all customers together.", "order-service"),
            new Entry("coupon-customer-limit", 422, "You have used this coupon already", "The coupon may be used a "
                    + "limited number of times per customer (`detail` says how many) and this customer has reached "
                    + "it.", "order-service"),
            new Entry("coupon-below-minimum", 422, "The order is below the coupon's minimum", "The cart's subtotal "
                    + "is below the minimum the coupon needs; `detail` names both amounts. Add products or order "
                    + "without it.", "order-service"),
            new Entry("coupon-not-applicable", 422, "The coupon does not apply", "The coupon's conditions exclude "
                    + "these cart lines (it is limited to other products or categories); `detail` says why. Place "
                    + "the order without it or with another code.", "order-service"),
            new Entry("payment-not-verified", 422, "The payment could not be verified", "The proof the client brought "
                    + "back from the card provider's page (the return signature) is not the provider's for this "
                    + "payment session. Nothing was changed; the order stays awaiting payment until the provider's "
                    + "own notification arrives.", "order-service"),
            new Entry("idempotency-key-reused", 422, "Idempotency key already used", "This `Idempotency-Key` was "
                    + "already used by the caller for an order request with a different body. Use a new key for a new "
                    + "order; repeat the very same request with the same key to get the original answer.",
                    "order-service"));

    private ProblemCatalogue() {
    }

    private static Entry common(ProblemType type, String meaning) {
        String slug = type.uri().substring(PREFIX.length());
        String raisedBy = switch (type) {
            case BAD_GATEWAY, GATEWAY_TIMEOUT -> "gateway";
            default -> "any";
        };
        return new Entry(slug, type.status(), type.title(), meaning, raisedBy);
    }

    /** Every entry, common types first, then each service's own. */
    public static List<Entry> all() {
        return ENTRIES;
    }

    /** The entry of a slug ({@code validation}), if there is one. */
    public static Optional<Entry> bySlug(String slug) {
        String wanted = slug == null ? "" : slug.toLowerCase(Locale.ROOT);
        return ENTRIES.stream().filter(e -> e.slug().equals(wanted)).findFirst();
    }

    /**
     * The entry of a problem's {@code type}: a reference such as {@code /problems/validation}, or the same resolved
     * against an origin ({@code http://localhost:8080/problems/validation}).
     */
    public static Optional<Entry> byType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        int at = type.indexOf(PREFIX);
        if (at < 0 || (at > 0 && !type.substring(0, at).matches("https?://[^/]+"))) {
            return Optional.empty();
        }
        return bySlug(type.substring(at + PREFIX.length()));
    }

    /** The slugs, in catalogue order. */
    public static List<String> slugs() {
        List<String> slugs = new ArrayList<>();
        ENTRIES.forEach(e -> slugs.add(e.slug()));
        return slugs;
    }
}
