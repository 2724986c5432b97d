package dev.shop.auth.persistence;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA key of the issuer.
 *
 * @param kid the key id put in token headers and the JWKS (the JWK thumbprint unless the key file names one)
 * @param publicKey verifies tokens
 * @param privateKey signs tokens; null for a retired key that is only published
 */
public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey) {

    @Override
    public String toString() {
        return "SigningKey[" + kid + "]";
    }
}
