package dev.shop.catalog.api;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

/** Small builders the resources share. */
final class Responses {

    private Responses() {
    }

    /** 201 with the new resource's path in {@code Location} and its representation in the body. */
    static <T> RestResponse<T> created(String location, T body) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(body).build();
    }
}
