package dev.shop.auth.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import io.quarkus.logging.Log;

/**
 * The issuer's RSA keys: the current signing key and earlier keys that are still published so tokens they signed keep
 * verifying until they expire. Two sources:
 * <ul>
 * <li><b>files</b> ({@code shop.auth.keys.signing-key-file}, {@code previous-key-files}): PEM or JWK, typically mounted
 * secrets; rotated by replacing the files and restarting;</li>
 * <li><b>a folder</b> ({@code shop.auth.keys.dir}, local mode): {@code signing-key.jwk.json} is generated on first
 * start and reused, so a restart keeps sessions valid; {@link #rotate()} moves it to {@code previous-key.jwk.json}
 * and generates a new one.</li>
 * </ul>
 * Private keys never leave this class except to sign.
 */
public final class SigningKeyStore {

    static final String CURRENT_FILE = "signing-key.jwk.json";
    static final String PREVIOUS_FILE = "previous-key.jwk.json";

    private final Path dir;
    private volatile SigningKey current;
    private volatile List<SigningKey> previous;

    private SigningKeyStore(Path dir, SigningKey current, List<SigningKey> previous) {
        this.dir = dir;
        this.current = current;
        this.previous = List.copyOf(previous);
    }

    /** Keys from configured files; the signing key file must hold a private key. */
    public static SigningKeyStore fromFiles(Path signingKeyFile, List<Path> previousKeyFiles) {
        SigningKey signing = read(signingKeyFile);
        if (signing.privateKey() == null) {
            throw new IllegalStateException("The signing key file " + signingKeyFile + " holds no private key");
        }
        List<SigningKey> older = new ArrayList<>();
        for (Path file : previousKeyFiles) {
            SigningKey key = read(file);
            older.add(new SigningKey(key.kid(), key.publicKey(), null));
        }
        return new SigningKeyStore(null, signing, older);
    }

    /** Keys kept in {@code dir}: loaded when present, generated and written on first use. */
    public static SigningKeyStore inFolder(Path dir) {
        try {
            OwnerOnlyFiles.createFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key folder " + dir, e);
        }
        Path currentFile = dir.resolve(CURRENT_FILE);
        if (!Files.exists(currentFile)) {
            SigningKey generated = generate();
            try {
                writeNew(currentFile, privateJwk(generated));
                Log.infof("Generated signing key %s in %s", generated.kid(), dir);
            } catch (FileAlreadyExistsException raced) {
                // another instance sharing the folder wrote it first: use theirs
            }
        }
        SigningKey signing = read(currentFile);
        Path previousFile = dir.resolve(PREVIOUS_FILE);
        List<SigningKey> older = Files.exists(previousFile)
                ? List.of(publicOnly(read(previousFile)))
                : List.of();
        return new SigningKeyStore(dir, signing, older);
    }

    public SigningKey current() {
        return current;
    }

    /** Current and previous public keys by kid. */
    public Map<String, RSAPublicKey> verificationKeys() {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        keys.put(current.kid(), current.publicKey());
        for (SigningKey key : previous) {
            keys.putIfAbsent(key.kid(), key.publicKey());
        }
        return keys;
    }

    /** The JWKS document: public parts only, current key first. */
    public String jwks() {
        List<JsonWebKey> keys = new ArrayList<>();
        keys.add(publicJwk(current));
        for (SigningKey key : previous) {
            keys.add(publicJwk(key));
        }
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * Folder mode only: the current key becomes the previous one (still published) and a new key signs from now on.
     * Both files are written before the switch, so a crash leaves either the old or the new pair.
     *
     * @return the new current key
     */
    public synchronized SigningKey rotate() {
        if (dir == null) {
            throw new IllegalStateException(
                    "Keys come from files: rotate by replacing signing-key-file and listing the old key in previous-key-files");
        }
        SigningKey next = generate();
        try {
            writeReplacing(dir.resolve(PREVIOUS_FILE), privateJwk(current));
            writeReplacing(dir.resolve(CURRENT_FILE), privateJwk(next));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the rotated keys to " + dir, e);
        }
        previous = List.of(publicOnly(current));
        current = next;
        Log.infof("Rotated the signing key: %s signs, %s stays published", next.kid(), previous.get(0).kid());
        return next;
    }

    // --- reading and writing keys ---

    static SigningKey read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
        try {
            if (content.startsWith("{")) {
                JsonWebKey jwk = JsonWebKey.Factory.newJwk(content);
                if (!(jwk instanceof RsaJsonWebKey rsa)) {
                    throw new IllegalStateException("Key file " + file + " is not an RSA JWK");
                }
                String kid = rsa.getKeyId() != null ? rsa.getKeyId() : thumbprint(rsa.getRsaPublicKey());
                return new SigningKey(kid, rsa.getRsaPublicKey(), rsa.getRsaPrivateKey());
            }
            return fromPem(content, file);
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException("Key file " + file + " cannot be read as an RSA key: " + e.getMessage(),
                    e);
        }
    }

    private static SigningKey fromPem(String pem, Path file) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (hasPemBlock(pem, PKCS8_PRIVATE)) {
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, PKCS8_PRIVATE, file)));
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("Key file " + file + " is not an RSA private key");
            }
            RSAPublicKey pub = (RSAPublicKey) rsa
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKey(thumbprint(pub), pub, crt);
        }
        if (hasPemBlock(pem, X509_PUBLIC)) {
            PublicKey key = rsa.generatePublic(new X509EncodedKeySpec(pemBody(pem, X509_PUBLIC, file)));
            return new SigningKey(thumbprint((RSAPublicKey) key), (RSAPublicKey) key, null);
        }
        throw new IllegalStateException(
                "Key file " + file + " is neither a JWK nor a PEM 'PRIVATE KEY' (PKCS#8) or 'PUBLIC KEY'");
    }

    /** PEM block labels this store reads: an unencrypted PKCS#8 private key, an X.509 SubjectPublicKeyInfo. */
    private static final String PKCS8_PRIVATE = "PRIVATE KEY";
    private static final String X509_PUBLIC = "PUBLIC KEY";

    private static boolean hasPemBlock(String pem, String label) {
        return pem.contains("-----BEGIN " + label + "-----");
    }

    private static byte[] pemBody(String pem, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin) + begin.length();
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalStateException("Key file " + file + " has no '" + end + "' line");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from, to));
    }

    private static SigningKey generate() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            RSAPublicKey pub = jwk.getRsaPublicKey();
            return new SigningKey(thumbprint(pub), pub, jwk.getRsaPrivateKey());
        } catch (JoseException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    static String thumbprint(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static SigningKey publicOnly(SigningKey key) {
        return new SigningKey(key.kid(), key.publicKey(), null);
    }

    private static PublicJsonWebKey publicJwk(SigningKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
        jwk.setKeyId(key.kid());
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

    private static String privateJwk(SigningKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
        jwk.setPrivateKey(key.privateKey());
        jwk.setKeyId(key.kid());
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** Writes a file readable by the owner only; fails if it exists (a hard link is created atomically or not at all). */
    private static void writeNew(Path file, String content) throws FileAlreadyExistsException {
        Path tmp = temp(file, content);
        try {
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write key file " + file, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void writeReplacing(Path file, String content) throws IOException {
        Path tmp = temp(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A temporary file holding {@code content}, owner-only from the moment it exists. */
    private static Path temp(Path file, String content) {
        try {
            Path tmp = OwnerOnlyFiles.createTemp(file);
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write key file " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /** Folder the keys live in, when they are kept by the service itself. */
    public Optional<Path> folder() {
        return Optional.ofNullable(dir);
    }
}
