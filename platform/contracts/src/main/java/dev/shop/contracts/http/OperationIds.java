package dev.shop.contracts.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code operationId} of an API operation, derived from its HTTP method and path alone, so it is the same in a
 * service's own API document and in the gateway's merged one, does not change when a Java method is renamed, and is
 * unique as long as paths are (paths of different services never overlap).
 *
 * <p>
 * The method in lower case, then each literal path segment after {@code /api/v<n>} in PascalCase; a segment followed
 * by a path parameter is made singular, the parameters themselves are left out:
 * <ul>
 * <li>{@code GET /api/v1/products} → {@code getProducts}; {@code GET /api/v1/products/{idOrSlug}} →
 * {@code getProduct};</li>
 * <li>{@code POST /api/v1/products/{productId}/reviews} → {@code postProductReviews};</li>
 * <li>{@code POST /api/v1/orders/{id}/cancel} → {@code postOrderCancel}; {@code POST /api/v1/auth/login} →
 * {@code postAuthLogin};</li>
 * <li>{@code DELETE /api/v1/wishlist/{productId}} → {@code deleteWishlistItem} (a word without a plural ending gets
 * {@code Item}).</li>
 * </ul>
 * Should two operations of one document still meet (a collection and an item of a word like {@code audit}), the second
 * in path order gets its parameter names appended ({@code ByIdOrSlug}); see {@link #disambiguated}.
 */
public final class OperationIds {

    private OperationIds() {
    }

    /** The id of {@code method path}, e.g. {@code ("GET", "/api/v1/products/{id}")} → {@code getProduct}. */
    public static String of(String method, String path) {
        List<String> segments = segments(path);
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isParameter(segment)) {
                continue;
            }
            String word = pascal(segment);
            boolean itemFollows = i + 1 < segments.size() && isParameter(segments.get(i + 1));
            id.append(itemFollows ? singular(word) : word);
        }
        return id.toString();
    }

    /**
     * The id of {@code method path} with the names of its path parameters appended ({@code GET /api/v1/admin/audit/{id}} →
     * {@code getAdminAuditItemById}), for the rare clash {@link #of} leaves.
     */
    public static String disambiguated(String method, String path) {
        StringBuilder id = new StringBuilder(of(method, path));
        List<String> parameters = segments(path).stream().filter(OperationIds::isParameter).toList();
        if (!parameters.isEmpty()) {
            id.append("By");
            for (int i = 0; i < parameters.size(); i++) {
                if (i > 0) {
                    id.append("And");
                }
                String name = parameters.get(i);
                id.append(pascal(name.substring(1, name.length() - 1)));
            }
        }
        return id.toString();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        // the version prefix is the same for every operation: it would only make every id longer
        if (segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).matches("v[0-9]+")) {
            return segments.subList(2, segments.size());
        }
        return segments;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /**
     * {@code move-to-cart} → {@code MoveToCart}, {@code .well-known} → {@code WellKnown}, {@code audit.csv} → {@code AuditCsv}.
     */
    public static String pascal(String segment) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : segment.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return out.toString();
    }

    /** English plural endings only; a word without one names a collection of items ({@code WishlistItem}). */
    static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word + "Item";
    }
}
