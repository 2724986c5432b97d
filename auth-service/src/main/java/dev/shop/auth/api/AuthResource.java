package dev.shop.auth.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.auth.application.AccountService;
import dev.shop.auth.application.OtpService;
import dev.shop.auth.application.SessionService;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.kit.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Registration, logins, password reset, refresh and logout (see the README for the rules of each). */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final SessionService sessions;
    private final RefreshCookie cookie;
    private final CurrentUser caller;
    private final OptionalJsonBody optionalBody;

    public AuthResource(AccountService accounts, SessionService sessions, RefreshCookie cookie, CurrentUser caller,
            OptionalJsonBody optionalBody) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookie = cookie;
        this.caller = caller;
        this.optionalBody = optionalBody;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register with username, phone and password; the account stays pending until the OTP is verified")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.RegistrationStarted.class)))
    public Uni<RestResponse<AuthDtos.RegistrationStarted>> register(@Valid @NotNull AuthDtos.RegisterRequest body,
            HttpServerRequest request) {
        return accounts.register(body.username(), body.phoneNumber(), body.password(), ClientAddress.of(request))
                .map(r -> RestResponse.status(RestResponse.Status.ACCEPTED, new AuthDtos.RegistrationStarted(
                        otpSent(r.sent()).otp(), r.registrationId())));
    }

    @POST
    @Path("/register/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a registration with its id and the OTP sent for it; answers tokens")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.Tokens.class)))
    public Uni<RestResponse<AuthDtos.Tokens>> confirmRegistration(
            @Valid @NotNull AuthDtos.RegistrationVerifyRequest body) {
        return accounts.confirmRegistration(body.registrationId(), body.phoneNumber(), body.otp())
                .map(login -> tokens(RestResponse.Status.CREATED, login.issued(), login.newUser()));
    }

    @POST
    @Path("/otp/request")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a passwordless-login code by SMS or voice call")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.OtpSent.class)))
    public Uni<RestResponse<AuthDtos.OtpSent>> requestCode(@Valid @NotNull AuthDtos.OtpLoginRequest body,
            HttpServerRequest request) {
        return accounts.requestLoginCode(body.phoneNumber(), OtpChannel.of(body.channel()), ClientAddress.of(request))
                .map(sent -> RestResponse.status(RestResponse.Status.ACCEPTED, otpSent(sent)));
    }

    @POST
    @Path("/otp/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with a code; creates the account on the first login (newUser)")
    public Uni<RestResponse<AuthDtos.Tokens>> loginWithCode(@Valid @NotNull AuthDtos.OtpLoginVerifyRequest body) {
        return accounts.loginWithCode(body.phoneNumber(), body.otp(), body.fullName())
                .map(login -> tokens(RestResponse.Status.OK, login.issued(), login.newUser()));
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with phone number and password")
    public Uni<RestResponse<AuthDtos.Tokens>> login(@Valid @NotNull AuthDtos.LoginRequest body,
            HttpServerRequest request) {
        return accounts.login(body.phoneNumber(), body.password(), ClientAddress.of(request))
                .map(issued -> tokens(RestResponse.Status.OK, issued, null));
    }

    @POST
    @Path("/password/forgot")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a reset code; the answer is the same whether or not the phone has an account")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.OtpSent.class)))
    public Uni<RestResponse<AuthDtos.OtpSent>> forgotPassword(@Valid @NotNull AuthDtos.ForgotPasswordRequest body,
            HttpServerRequest request) {
        return accounts.forgotPassword(body.phoneNumber(), ClientAddress.of(request))
                .map(sent -> RestResponse.status(RestResponse.Status.ACCEPTED, otpSent(sent)));
    }

    @POST
    @Path("/password/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange the reset code for a single-use reset token")
    public Uni<RestResponse<AuthDtos.ResetTokenIssued>> verifyResetCode(
            @Valid @NotNull AuthDtos.VerifyCodeRequest body) {
        return accounts.verifyResetCode(body.phoneNumber(), body.otp())
                .map(t -> RestResponse.ResponseBuilder
                        .ok(new AuthDtos.ResetTokenIssued(t.token(), t.expiresInSeconds()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @POST
    @Path("/password/reset")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the reset token; ends every session of the account")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> resetPassword(@Valid @NotNull AuthDtos.ResetPasswordRequest body) {
        return accounts.resetPassword(body.resetToken(), body.newPassword()).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "New tokens for the refresh token in the cookie (or in the body, for mobile clients)")
    public Uni<RestResponse<AuthDtos.Tokens>> refresh(@CookieParam(RefreshCookie.NAME) String fromCookie,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, description = "Optional JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.RefreshRequest.class))) String rawBody) {
        AuthDtos.RefreshRequest body = optionalBody.parse(rawBody, contentType, AuthDtos.RefreshRequest.class);
        String presented = body != null && body.refreshToken() != null ? body.refreshToken() : fromCookie;
        return sessions.refresh(presented).map(issued -> tokens(RestResponse.Status.OK, issued, null));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End the session of the access token (and of the refresh cookie); clears the cookie")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<RestResponse<Void>> logout(@CookieParam(RefreshCookie.NAME) String fromCookie,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false, description = "Optional JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthDtos.RefreshRequest.class))) String rawBody) {
        AuthDtos.RefreshRequest body = optionalBody.parse(rawBody, contentType, AuthDtos.RefreshRequest.class);
        String presented = body != null && body.refreshToken() != null ? body.refreshToken() : fromCookie;
        return sessions.logout(caller.id(), caller.sessionId().orElse(null), presented)
                .map(v -> RestResponse.ResponseBuilder.<Void> noContent()
                        .header(HttpHeaders.SET_COOKIE, cookie.clear()).build());
    }

    private RestResponse<AuthDtos.Tokens> tokens(RestResponse.Status status, SessionService.Issued issued,
            Boolean newUser) {
        AuthDtos.Tokens body = new AuthDtos.Tokens(issued.accessToken().value(), "Bearer",
                issued.accessToken().expiresInSeconds(), AuthDtos.ProfileView.of(issued.user()), newUser);
        return RestResponse.ResponseBuilder.create(status, body)
                .header(HttpHeaders.SET_COOKIE, cookie.set(issued.refreshToken(), issued.refreshTokenMaxAge()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static AuthDtos.OtpSent otpSent(OtpService.Sent sent) {
        return new AuthDtos.OtpSent(new AuthDtos.OtpSent.Otp(sent.expiresInSeconds(), sent.resendAfterSeconds()));
    }
}
