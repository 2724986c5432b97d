package dev.shop.auth.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.shop.auth.config.AuthConfig;
import io.smallrye.mutiny.Uni;

/**
 * Argon2id password hashes (password4j; OWASP parameters by default: 19 MiB, 2 iterations, 1 lane), computed on a worker
 * thread. Checking a login for an unknown account still computes a hash, so the answer takes as long as for a known one.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function argon2;
    private final String decoyHash;

    public PasswordHasher(AuthConfig config) {
        AuthConfig.Password p = config.password();
        this.argon2 = Argon2Function.getInstance(p.argon2Memory(), p.argon2Iterations(), p.argon2Parallelism(),
                HASH_BYTES, Argon2.ID);
        this.decoyHash = Password.hash("decoy password for unknown accounts").addRandomSalt(SALT_BYTES).with(argon2)
                .getResult();
    }

    public Uni<String> hash(String password) {
        return Offload.blocking(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult());
    }

    /** @param storedHash null when the account has no password: the check then fails after the same work */
    public Uni<Boolean> matches(String password, String storedHash) {
        return Offload.blocking(() -> {
            String hash = storedHash == null ? decoyHash : storedHash;
            boolean ok = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            return ok && storedHash != null;
        });
    }
}
