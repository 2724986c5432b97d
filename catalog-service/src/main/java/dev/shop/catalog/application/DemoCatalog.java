package dev.shop.catalog.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Offer;
import dev.shop.catalog.domain.ProductDetails;
import dev.shop.catalog.domain.ProductStatus;

/**
 * The demo catalogue of the local stack: Indian car makers and models, a parts category tree, and a product for every
 * part that fits each model. Everything is derived from fixed tables and the item's position (no randomness), so a
 * reload produces the same codes, ids and SKUs and skips what already exists.
 */
public final class DemoCatalog {

    public record DemoBrand(String code, String name, String description) {
    }

    public record DemoModel(String brand, String code, String name, int yearFrom) {
    }

    public record DemoCategory(String id, String slug, String name, String parentSlug) {
    }

    /** A product with its initial stock; ids derive from the SKU. */
    public record DemoProduct(ObjectId id, ProductDetails details, int stock, String imageLabel) {
    }

    private record Part(String code, String name, String categorySlug, long basePrice, Map<String, String> attributes) {
    }

    static final List<DemoBrand> BRANDS = List.of(
            new DemoBrand("MARUTI", "Maruti Suzuki", "India's largest car maker"),
            new DemoBrand("HYUNDAI", "Hyundai", "Hyundai Motor India"),
            new DemoBrand("TATA", "Tata Motors", "Tata Motors passenger vehicles"),
            new DemoBrand("MAHINDRA", "Mahindra", "Mahindra & Mahindra SUVs"),
            new DemoBrand("HONDA", "Honda", "Honda Cars India"),
            new DemoBrand("TOYOTA", "Toyota", "Toyota Kirloskar Motor"));

    static final List<DemoModel> MODELS = List.of(
            new DemoModel("MARUTI", "SWIFT", "Swift", 2018), new DemoModel("MARUTI", "BALENO", "Baleno", 2019),
            new DemoModel("MARUTI", "DZIRE", "Dzire", 2017), new DemoModel("MARUTI", "ALTO", "Alto", 2012),
            new DemoModel("HYUNDAI", "I20", "i20", 2020), new DemoModel("HYUNDAI", "CRETA", "Creta", 2020),
            new DemoModel("HYUNDAI", "VENUE", "Venue", 2019),
            new DemoModel("TATA", "NEXON", "Nexon", 2017), new DemoModel("TATA", "PUNCH", "Punch", 2021),
            new DemoModel("TATA", "TIAGO", "Tiago", 2016),
            new DemoModel("MAHINDRA", "THAR", "Thar", 2020), new DemoModel("MAHINDRA", "XUV700", "XUV700", 2021),
            new DemoModel("MAHINDRA", "SCORPIO", "Scorpio", 2014),
            new DemoModel("HONDA", "CITY", "City", 2014), new DemoModel("HONDA", "AMAZE", "Amaze", 2018),
            new DemoModel("HONDA", "ELEVATE", "Elevate", 2023),
            new DemoModel("TOYOTA", "INNOVA", "Innova Crysta", 2016),
            new DemoModel("TOYOTA", "FORTUNER", "Fortuner", 2016), new DemoModel("TOYOTA", "GLANZA", "Glanza", 2019));

    private static final String[][] CATEGORY_TREE = {
            // slug, name, parent slug
            { "engine", "Engine", null },
            { "filters", "Filters", "engine" },
            { "oil-filters", "Oil filters", "filters" },
            { "air-filters", "Air filters", "filters" },
            { "fuel-filters", "Fuel filters", "filters" },
            { "spark-plugs", "Spark plugs", "engine" },
            { "belts", "Belts", "engine" },
            { "brakes", "Brakes", null },
            { "brake-pads", "Brake pads", "brakes" },
            { "brake-discs", "Brake discs", "brakes" },
            { "suspension", "Suspension", null },
            { "shock-absorbers", "Shock absorbers", "suspension" },
            { "control-arms", "Control arms", "suspension" },
            { "electrical", "Electrical", null },
            { "batteries", "Batteries", "electrical" },
            { "lighting", "Lighting", "electrical" },
            { "headlamp-bulbs", "Headlamp bulbs", "lighting" },
            { "fog-lamps", "Fog lamps", "lighting" },
            { "wipers", "Wiper blades", "electrical" },
            { "body", "Body", null },
            { "mirrors", "Mirrors", "body" } };

    private static final List<Part> PARTS = List.of(
            new Part("OF", "Oil filter", "oil-filters", 35_000, Map.of("type", "spin-on")),
            new Part("AF", "Air filter", "air-filters", 55_000, Map.of("material", "paper")),
            new Part("FF", "Fuel filter", "fuel-filters", 85_000, Map.of("fuel", "petrol")),
            new Part("SP", "Iridium spark plug", "spark-plugs", 45_000, Map.of("electrode", "iridium")),
            new Part("TB", "Timing belt", "belts", 220_000, Map.of("teeth", "104")),
            new Part("BPF", "Front brake pads (ceramic)", "brake-pads", 240_000,
                    Map.of("position", "front", "material", "ceramic")),
            new Part("BPR", "Rear brake pads", "brake-pads", 180_000, Map.of("position", "rear")),
            new Part("BD", "Front brake disc", "brake-discs", 320_000, Map.of("position", "front", "vented", "yes")),
            new Part("SA", "Front shock absorber", "shock-absorbers", 450_000, Map.of("position", "front")),
            new Part("CA", "Lower control arm", "control-arms", 380_000, Map.of("side", "left")),
            new Part("BAT", "Car battery 45Ah", "batteries", 520_000, Map.of("capacity", "45Ah", "warranty", "3 years")),
            new Part("HB", "LED headlamp bulb H4", "headlamp-bulbs", 150_000, Map.of("fitting", "H4", "watts", "60")),
            new Part("FL", "Fog lamp assembly", "fog-lamps", 260_000, Map.of("side", "pair")),
            new Part("WB", "Wiper blade set", "wipers", 60_000, Map.of("length", "22in + 16in")),
            new Part("MR", "Outside rear-view mirror", "mirrors", 280_000, Map.of("side", "right", "heated", "no")),
            new Part("CF", "Cabin air filter", "air-filters", 40_000, Map.of("type", "activated carbon")));

    private DemoCatalog() {
    }

    public static List<DemoBrand> brands() {
        return BRANDS;
    }

    public static List<DemoModel> models() {
        return MODELS;
    }

    /** Parents before children. */
    public static List<DemoCategory> categories() {
        List<DemoCategory> categories = new ArrayList<>();
        for (String[] c : CATEGORY_TREE) {
            categories.add(new DemoCategory(idOf("category:" + c[0]).toHexString(), c[0], c[1], c[2]));
        }
        return categories;
    }

    /**
     * One product per part and model (16 × 19 = 304). About one in seven is on offer (10–40 %, running from a day before
     * {@code now} for a month), one in eleven is out of stock.
     */
    public static List<DemoProduct> products(int limit, Instant now) {
        Map<String, String> categoryIds = new LinkedHashMap<>();
        categories().forEach(c -> categoryIds.put(c.slug(), c.id()));
        Map<String, String> brandNames = new LinkedHashMap<>();
        BRANDS.forEach(b -> brandNames.put(b.code(), b.name()));
        List<DemoProduct> products = new ArrayList<>();
        int n = 0;
        for (Part part : PARTS) {
            for (int m = 0; m < MODELS.size(); m++) {
                if (products.size() >= limit) {
                    return products;
                }
                DemoModel model = MODELS.get(m);
                DemoModel sibling = MODELS.get((m + 1) % MODELS.size());
                List<Fitment> fitment = new ArrayList<>();
                fitment.add(new Fitment(model.brand(), model.code()));
                if (sibling.brand().equals(model.brand()) && n % 3 == 0) {
                    fitment.add(new Fitment(sibling.brand(), sibling.code()));
                }
                String sku = model.code() + "-" + part.code() + "-" + String.format("%03d", n + 1);
                String brandName = brandNames.get(model.brand());
                String name = part.name() + " for " + brandName + " " + model.name();
                // Prices vary by model within ±20 % of the part's base price, rounded to whole rupees minus one.
                long price = part.basePrice() * (90 + (m * 7) % 31) / 100 / 100 * 100 - 100;
                Offer offer = n % 7 == 3 ? new Offer(10 + (n % 4) * 10, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(30)), n % 2 == 0 ? "Monsoon sale" : "Festive offer") : null;
                int stock = n % 11 == 5 ? 0 : 3 + (n * 7) % 60;
                String description = part.name() + " made to fit the " + brandName + " " + model.name() + " ("
                        + model.yearFrom() + " onwards). Quality-checked replacement part with warranty.";
                ProductDetails details = new ProductDetails(sku, name, description, model.brand(), fitment,
                        categoryIds.get(part.categorySlug()), part.attributes(), price, offer, ProductStatus.ACTIVE);
                products.add(new DemoProduct(idOf("product:" + sku), details, stock,
                        part.name() + "|" + brandName + " " + model.name()));
                n++;
            }
        }
        return products;
    }

    /** A stable ObjectId for a demo item, so reloading finds what is already there. */
    static ObjectId idOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new ObjectId(HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
