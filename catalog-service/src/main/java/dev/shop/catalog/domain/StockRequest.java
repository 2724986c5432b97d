package dev.shop.catalog.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of an order as the catalogue reserves them: one line per product (repeated products are added up), in the
 * order they first appear.
 */
public final class StockRequest {

    /** Most units of one product a single order may hold. */
    public static final int MAX_QUANTITY = 10_000;

    /** One product and how many units of it. */
    public record Line(String productId, int quantity) {

        /** A quantity the catalogue can reserve and a product id that can exist. */
        public boolean isValid() {
            return quantity >= 1 && quantity <= MAX_QUANTITY && productId != null
                    && productId.matches("^[0-9a-f]{24}$");
        }
    }

    private StockRequest() {
    }

    /**
     * The lines that cannot be reserved as they are. Checked before merging, so no line hides another, and again
     * after: lines of one product that add up to more than {@link #MAX_QUANTITY} are refused as well.
     */
    public static List<Line> invalid(List<Line> lines) {
        return lines.stream().filter(l -> !l.isValid()).toList();
    }

    /** One line per product, quantities added up (a total beyond what an int holds stays at its largest value). */
    public static List<Line> merge(List<Line> lines) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Line line : lines) {
            totals.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        List<Line> merged = new ArrayList<>();
        totals.forEach((productId, quantity) -> merged.add(new Line(productId,
                (int) Math.min(quantity, Integer.MAX_VALUE))));
        return merged;
    }
}
