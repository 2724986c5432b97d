package dev.shop.auth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.build.Jwt;

class SigningKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void aFolderKeyIsGeneratedOnceAndReusedAfterARestart() throws Exception {
        SigningKeyStore first = SigningKeyStore.inFolder(dir.resolve("keys"));
        Path file = dir.resolve("keys").resolve(SigningKeyStore.CURRENT_FILE);
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        SigningKeyStore restarted = SigningKeyStore.inFolder(dir.resolve("keys"));
        assertThat(restarted.current().kid()).isEqualTo(first.current().kid());
        String token = sign(first.current());
        assertThat(new DefaultJWTParser().verify(token, restarted.current().publicKey()).getSubject())
                .isEqualTo("u1");
    }

    @Test
    void rotationKeepsThePreviousKeyPublishedAcrossRestarts() throws Exception {
        SigningKeyStore store = SigningKeyStore.inFolder(dir);
        SigningKey old = store.current();
        String oldToken = sign(old);

        SigningKey next = store.rotate();

        assertThat(store.current()).isEqualTo(next);
        assertThat(store.verificationKeys()).containsOnlyKeys(next.kid(), old.kid());
        JsonWebKeySet jwks = new JsonWebKeySet(store.jwks());
        assertThat(jwks.getJsonWebKeys()).extracting(k -> k.getKeyId()).containsExactly(next.kid(), old.kid());
        assertThat(store.jwks()).doesNotContain("\"d\"");

        SigningKeyStore restarted = SigningKeyStore.inFolder(dir);
        assertThat(restarted.current().kid()).isEqualTo(next.kid());
        assertThat(new DefaultJWTParser().verify(oldToken, restarted.verificationKeys().get(old.kid()))
                .getSubject()).isEqualTo("u1");

        // a second rotation retires the oldest key
        restarted.rotate();
        assertThat(restarted.verificationKeys()).doesNotContainKey(old.kid()).containsKey(next.kid());
    }

    @Test
    void keysFromMountedPemFiles() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair current = generator.generateKeyPair();
        KeyPair previous = generator.generateKeyPair();
        Path signing = dir.resolve("signing.pem");
        Path old = dir.resolve("old.pem");
        Files.writeString(signing, pem("PRIVATE KEY", current.getPrivate().getEncoded()));
        Files.writeString(old, pem("PUBLIC KEY", previous.getPublic().getEncoded()));

        SigningKeyStore store = SigningKeyStore.fromFiles(signing, List.of(old));

        assertThat(store.current().publicKey()).isEqualTo(current.getPublic());
        assertThat(store.verificationKeys()).hasSize(2).containsValue((java.security.interfaces.RSAPublicKey) previous
                .getPublic());
        assertThatThrownBy(store::rotate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SigningKeyStore.fromFiles(old, List.of()))
                .hasMessageContaining("no private key");
    }

    @Test
    void keysFromAMountedJwkFile() throws Exception {
        SigningKeyStore generated = SigningKeyStore.inFolder(dir.resolve("gen"));
        Path jwk = dir.resolve("gen").resolve(SigningKeyStore.CURRENT_FILE);

        SigningKeyStore store = SigningKeyStore.fromFiles(jwk, List.of());
        assertThat(store.current().kid()).isEqualTo(generated.current().kid());
        assertThat(store.current().privateKey()).isNotNull();
    }

    @Test
    void unreadableKeyFilesStopTheStart() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "hello");
        assertThatThrownBy(() -> SigningKeyStore.fromFiles(junk, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SigningKeyStore.fromFiles(dir.resolve("missing.pem"), List.of()))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void aTruncatedPemFileIsNamedInTheError() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String whole = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        Path truncated = dir.resolve("truncated.pem");
        Files.writeString(truncated, whole.substring(0, whole.indexOf("-----END")));

        assertThatThrownBy(() -> SigningKeyStore.fromFiles(truncated, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("truncated.pem")
                .hasMessageContaining("-----END PRIVATE KEY-----");
    }

    private static String sign(SigningKey key) {
        return Jwt.subject("u1").jws().keyId(key.kid()).algorithm(SignatureAlgorithm.RS256).sign(key.privateKey());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
