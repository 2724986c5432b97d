package dev.shop.admin.client;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.admin.config.AdminConfig;

/** Where the downstream services are ({@code shop.admin.downstream.*.url}). */
@ApplicationScoped
public class DownstreamEndpoints {

    private final AdminConfig.Downstream config;

    public DownstreamEndpoints(AdminConfig config) {
        this.config = config.downstream();
    }

    public String auth() {
        return config.auth().url();
    }

    public String catalog() {
        return config.catalog().url();
    }

    public String orders() {
        return config.orders().url();
    }
}
