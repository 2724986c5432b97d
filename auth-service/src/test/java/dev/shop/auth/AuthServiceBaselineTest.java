package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.shop.testkit.ServiceBaselineContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AuthServiceBaselineTest extends ServiceBaselineContract {

    @Override
    protected String serviceName() {
        return "auth-service";
    }

    @Test
    void theKeysTheServiceGeneratedAreReadableByItsOwnerOnly() throws Exception {
        Path keys = Path.of(ConfigProvider.getConfig().getValue("shop.auth.keys.dir", String.class));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        for (String file : new String[] { "signing-key.jwk.json", "otp-hash.key" }) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }
    }
}
