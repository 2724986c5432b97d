package dev.shop.auth.application;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.PasswordPolicy;
import dev.shop.auth.domain.Roles;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Accounts that exist without anyone registering: the production admin from {@code SHOP_BOOTSTRAP_ADMIN_PHONE} /
 * {@code SHOP_BOOTSTRAP_ADMIN_PASSWORD}, and in local mode the demo admin and customer. Each is created only when no
 * account has its phone number yet (an existing account, its password and roles are never touched), so a restart or a
 * second replica changes nothing. Runs in the background: an absent database does not hold up the boot.
 */
@ApplicationScoped
public class AccountProvisioning {

    public static final String DEMO_ADMIN_PHONE = "+919000000001";
    public static final String DEMO_ADMIN_PASSWORD = "Admin#2026demo";
    public static final String DEMO_CUSTOMER_PHONE = "+919000000002";
    public static final String DEMO_CUSTOMER_PASSWORD = "Customer#2026demo";

    record Account(String phone, String password, String username, Set<String> roles, String method) {
        @Override
        public String toString() {
            return "Account[" + username + "]";
        }
    }

    private final AuthConfig config;
    private final UserRepository users;
    private final UserChanges changes;
    private final PasswordHasher hasher;

    public AccountProvisioning(AuthConfig config, UserRepository users, UserChanges changes, PasswordHasher hasher) {
        this.config = config;
        this.users = users;
        this.changes = changes;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent startup) {
        provision().subscribe().with(
                created -> {
                },
                failure -> Log.errorf("Account provisioning failed: %s", failure.getMessage()));
    }

    /** Creates the configured accounts that do not exist yet; returns how many were created. */
    public Uni<Integer> provision() {
        List<Account> accounts = new ArrayList<>();
        AuthConfig.Bootstrap bootstrap = config.bootstrap();
        if (bootstrap.adminPhone().isPresent() && bootstrap.adminPassword().isPresent()) {
            accounts.add(new Account(bootstrap.adminPhone().get(), bootstrap.adminPassword().get(), "admin",
                    new LinkedHashSet<>(List.of(Roles.CUSTOMER, Roles.ADMIN)), "bootstrap"));
        } else if (bootstrap.adminPhone().isPresent() || bootstrap.adminPassword().isPresent()) {
            Log.error("Bootstrap admin skipped: set both SHOP_BOOTSTRAP_ADMIN_PHONE and SHOP_BOOTSTRAP_ADMIN_PASSWORD");
        }
        if (bootstrap.demoAccounts()) {
            accounts.add(new Account(DEMO_ADMIN_PHONE, DEMO_ADMIN_PASSWORD, "demo admin",
                    new LinkedHashSet<>(List.of(Roles.CUSTOMER, Roles.ADMIN)), "seed"));
            accounts.add(new Account(DEMO_CUSTOMER_PHONE, DEMO_CUSTOMER_PASSWORD, "demo customer",
                    new LinkedHashSet<>(List.of(Roles.CUSTOMER)), "seed"));
        }
        return Multi.createFrom().iterable(accounts)
                .onItem().transformToUniAndConcatenate(this::createIfAbsent)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> createIfAbsent(Account account) {
        PhoneNumber phone;
        try {
            phone = PhoneNumber.parse("phone", account.phone(), config.phone().defaultRegion());
            PasswordPolicy.check("password", account.password());
        } catch (ProblemException e) {
            Log.errorf("Account %s not created: %s", account, e.getMessage());
            return Uni.createFrom().item(false);
        }
        return users.findByPhone(phone.e164()).flatMap(existing -> {
            if (existing != null) {
                Log.debugf("Account %s exists already", account);
                return Uni.createFrom().item(false);
            }
            return hasher.hash(account.password()).flatMap(hash -> {
                User user = User.provisioned(new ObjectId().toHexString(), phone, account.username(), hash,
                        account.roles(), Times.now());
                return changes.insert(user, List.of(user.registered(account.method())))
                        .invoke(u -> Log.infof("Created %s account %s (%s)", account.method(), phone.e164(),
                                String.join(",", account.roles())))
                        .replaceWith(true)
                        .onFailure(AccountService::isDuplicateKey).recoverWithItem(false);
            });
        });
    }
}
