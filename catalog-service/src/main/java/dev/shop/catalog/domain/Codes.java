package dev.shop.catalog.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Formats of the catalogue's human-chosen identifiers. */
public final class Codes {

    /** Brand codes: 2–10 upper-case letters or digits, e.g. {@code HONDA}. */
    public static final String BRAND_CODE = "^[A-Z0-9]{2,10}$";
    /** Vehicle model codes: unique within a brand, e.g. {@code CITY} or {@code CITY-2020}. */
    public static final String MODEL_CODE = "^[A-Z0-9](?:[A-Z0-9-]{0,18}[A-Z0-9])?$";
    /** Category slugs: lower-case words joined by single hyphens. */
    public static final String SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    /** SKUs: 3–40 upper-case letters, digits and inner hyphens. */
    public static final String SKU = "^[A-Z0-9](?:[A-Z0-9-]{1,38})[A-Z0-9]$";

    private static final Pattern BRAND = Pattern.compile(BRAND_CODE);
    private static final Pattern MODEL = Pattern.compile(MODEL_CODE);
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Codes() {
    }

    /** Codes are case-insensitive on the way in ({@code /brands/honda} finds {@code HONDA}). */
    public static String normalize(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    public static boolean isBrandCode(String code) {
        return code != null && BRAND.matcher(code).matches();
    }

    public static boolean isModelCode(String code) {
        return code != null && MODEL.matcher(code).matches();
    }

    /** {@code "Brake Pads (Front)"} → {@code "brake-pads-front"}. */
    public static String slugify(String text) {
        String ascii = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String slug = NON_ALNUM.matcher(ascii).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-+$", "") : slug;
    }
}
