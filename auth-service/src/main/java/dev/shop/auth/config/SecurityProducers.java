package dev.shop.auth.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.shop.auth.domain.OtpCodes;
import dev.shop.auth.domain.RefreshSuccessors;
import dev.shop.auth.persistence.OwnerOnlyFiles;
import dev.shop.auth.persistence.SigningKeyStore;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the key material from configuration, failing the start with a clear message when it is missing (production
 * must mount a signing key and an OTP hash key; local mode keeps generated ones in the data folder).
 */
@Singleton
public class SecurityProducers {

    static final String OTP_KEY_FILE = "otp-hash.key";

    @Produces
    @Singleton
    SigningKeyStore signingKeys(AuthConfig config) {
        AuthConfig.Keys keys = config.keys();
        if (keys.signingKeyFile().isPresent()) {
            return SigningKeyStore.fromFiles(keys.signingKeyFile().get(), keys.previousKeyFiles().orElse(List.of()));
        }
        if (keys.dir().isPresent()) {
            return SigningKeyStore.inFolder(keys.dir().get());
        }
        throw new IllegalStateException("No signing key: set shop.auth.keys.signing-key-file (a mounted PEM or JWK)"
                + " or shop.auth.keys.dir (keys generated and kept there)");
    }

    @Produces
    @Singleton
    OtpCodes otpCodes(AuthConfig config) {
        return new OtpCodes(secret(config));
    }

    /** Keyed by the same secret as the OTP hashes; the HMAC input is prefixed, so the two uses never collide. */
    @Produces
    @Singleton
    RefreshSuccessors refreshSuccessors(AuthConfig config) {
        return new RefreshSuccessors(secret(config));
    }

    private static byte[] secret(AuthConfig config) {
        if (config.otp().hashKey().isPresent()) {
            return Base64.getDecoder().decode(config.otp().hashKey().get().strip());
        }
        if (config.keys().dir().isPresent()) {
            return readOrCreateSecret(config.keys().dir().get().resolve(OTP_KEY_FILE));
        }
        throw new IllegalStateException("No OTP hash key: set shop.auth.otp.hash-key (base64, 32+ bytes)"
                + " or shop.auth.keys.dir");
    }

    /** Loads the keys at start, so a misconfiguration stops the service instead of failing the first login. */
    void validate(@Observes StartupEvent startup, SigningKeyStore keys, OtpCodes codes) {
        keys.current();
    }

    private static byte[] readOrCreateSecret(Path file) {
        try {
            OwnerOnlyFiles.createFolder(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                try {
                    OwnerOnlyFiles.createNew(file, out -> out.write(
                            Base64.getEncoder().encodeToString(secret).getBytes(StandardCharsets.UTF_8)));
                } catch (FileAlreadyExistsException raced) {
                    // written by another instance sharing the folder
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }
}
