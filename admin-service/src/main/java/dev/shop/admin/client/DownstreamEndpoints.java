package dev.shop.admin.client;

import jakarta.inject.Singleton;

import dev.shop.admin.config.AdminConfig;

/** Where the downstream services are (a singleton: nothing to proxy) ({@code shop.admin.downstream.*.url}). */
@Singleton
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
