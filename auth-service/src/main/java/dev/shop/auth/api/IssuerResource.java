package dev.shop.auth.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.persistence.SigningKeyStore;

/**
 * What verifiers need: the public keys (current and previous) and an OIDC discovery document naming the issuer and the
 * JWKS, which the gateway's quarkus-oidc and every service's smallrye-jwt use.
 */
@Path("/api/v1/auth")
@PermitAll
public class IssuerResource {

    private final SigningKeyStore keys;
    private final AuthConfig config;

    public IssuerResource(SigningKeyStore keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** What {@link #jwks()} answers, for the API document: the keys, each a JWK object. */
    public record JwkSet(List<Map<String, Object>> keys) {
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public signing keys (JWKS): the current key and the previous one")
    @APIResponse(responseCode = "200", description = "The JSON Web Key Set (RFC 7517)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JwkSet.class)))
    public RestResponse<String> jwks() {
        return RestResponse.ResponseBuilder.ok(keys.jwks())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }

    @GET
    @Path("/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC discovery document")
    public RestResponse<Map<String, Object>> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", config.issuer());
        doc.put("jwks_uri", config.jwksUri().orElse(config.issuer() + "/jwks"));
        doc.put("token_endpoint", config.issuer() + "/login");
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "groups", "sid"));
        return RestResponse.ResponseBuilder.ok(doc).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
