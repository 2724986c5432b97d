package dev.shop.kit.page;

import jakarta.ws.rs.QueryParam;

/** The paging query parameters of a list endpoint, bound with {@code @BeanParam}. */
public class PageParams {

    @QueryParam("page")
    String page;

    @QueryParam("size")
    String size;

    public PageParams() {
    }

    public PageParams(String page, String size) {
        this.page = page;
        this.size = size;
    }

    /** @throws dev.shop.kit.problem.ProblemException 400 naming the parameter when a value is not acceptable */
    public PageRequest toRequest() {
        return PageRequest.parse(page, size);
    }
}
