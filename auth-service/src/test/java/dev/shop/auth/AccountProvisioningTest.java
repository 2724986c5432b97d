package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.auth.application.AccountProvisioning;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The bootstrap admin and the demo accounts exist after start, and provisioning again changes nothing. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AccountProvisioningTest {

    @Inject
    AccountProvisioning provisioning;
    @Inject
    UserRepository users;

    @Test
    void theDemoAccountsCanLogInWithTheirRoles() {
        AuthApi.loginEventually(AccountProvisioning.DEMO_ADMIN_PHONE, AccountProvisioning.DEMO_ADMIN_PASSWORD)
                .authorized().get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of("customer", "admin")));
        AuthApi.loginEventually(AccountProvisioning.DEMO_CUSTOMER_PHONE, AccountProvisioning.DEMO_CUSTOMER_PASSWORD)
                .authorized().get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of("customer")));
    }

    @Test
    void theBootstrapAdminIsAnAdmin() {
        AuthApi.admin().authorized().get("/api/v1/auth/admin/users").then().statusCode(200);
    }

    @Test
    void provisioningAgainCreatesNothingAndKeepsPasswords() {
        AuthApi.loginEventually(AccountProvisioning.DEMO_ADMIN_PHONE, AccountProvisioning.DEMO_ADMIN_PASSWORD);
        AuthApi.admin();

        assertThat(provisioning.provision().await().indefinitely()).isZero();

        assertThat(users.count("phoneNumber", AccountProvisioning.DEMO_ADMIN_PHONE).await().indefinitely())
                .isEqualTo(1);
        assertThat(users.count("phoneNumber", "+919000000009").await().indefinitely()).isEqualTo(1);
        AuthApi.login(AccountProvisioning.DEMO_CUSTOMER_PHONE, AccountProvisioning.DEMO_CUSTOMER_PASSWORD).then()
                .statusCode(200);
    }
}
