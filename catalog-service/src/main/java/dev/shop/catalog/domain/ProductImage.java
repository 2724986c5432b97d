package dev.shop.catalog.domain;

/** An image of a product, stored in the media store under {@code id}. */
public record ProductImage(String id, String contentType, long size, String alt) {

    public static String urlOf(String id) {
        return "/api/v1/media/" + id;
    }

    public String url() {
        return urlOf(id);
    }
}
