package dev.shop.admin.fake;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.shop.admin.client.DownstreamEndpoints;
import dev.shop.admin.config.AdminConfig;

/** Points the downstream facades at the fakes served by the test application on its (random) test port. */
@Alternative
@Priority(1)
@Singleton
public class TestDownstreamEndpoints extends DownstreamEndpoints {

    public TestDownstreamEndpoints(AdminConfig config) {
        super(config);
    }

    @Override
    public String auth() {
        return base() + "/fake/auth";
    }

    @Override
    public String catalog() {
        return base() + "/fake/catalog";
    }

    @Override
    public String orders() {
        return base() + "/fake/orders";
    }

    private static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }
}
