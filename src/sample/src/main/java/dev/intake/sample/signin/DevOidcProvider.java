package dev.intake.sample.signin;

import java.math.BigInteger;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.intake.config.IntakeConfig;
import dev.intake.security.KnownRoles;
import dev.intake.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * A small OpenID Connect provider for dev mode and tests, so that the console's sign-in is a real authorization
 * code flow without an identity provider running: a sign-in page where you choose user, organisation and roles,
 * a token endpoint that signs with the dev key pair, and its JWKS. Like {@code /dev/token}, the class is built
 * only into dev and test builds. Codes live in memory for a minute: they are this page's, not Intake's state.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/dev/oidc")
public class DevOidcProvider {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final String KEY_ID = "intake-dev";
    private static final Map<String, SignIn> CODES = new ConcurrentHashMap<>();

    /** Who signed in, for which client, and until when the code may be exchanged. */
    /**
     * A role on the sign-in page; every one but {@code import-viewer} starts ticked, so that the defaults can
     * import every template of the schema, as the five-minute tour does.
     */
    record RoleChoice(String name, boolean checked) {
    }

    private record SignIn(String user, String organisation, Set<String> roles, String nonce, String clientId,
            long expiresAtMillis) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String redirectUri, String state, String nonce, String clientId,
                List<RoleChoice> roles);
    }

    @Inject
    IntakeConfig config;

    @Inject
    KnownRoles knownRoles;

    @ConfigProperty(name = "quarkus.oidc.token.issuer")
    String issuer;

    /**
     * The dev public key, which the API's bearer tokens are verified with in dev and test; absent when a test
     * runs against another provider.
     */
    @ConfigProperty(name = "quarkus.oidc.public-key")
    java.util.Optional<String> publicKey;

    @GET
    @Path("authorize")
    @Produces(MediaType.TEXT_HTML)
    public String signInPage(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
            @QueryParam("nonce") String nonce, @QueryParam("client_id") String clientId) {
        List<RoleChoice> roles = new TreeSet<>(knownRoles.all()).stream()
                .map(role -> new RoleChoice(role, !role.equals(Roles.IMPORT_VIEWER))).toList();
        return Templates.signIn(redirectUri, state, nonce, clientId, roles).render();
    }

    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("redirect_uri") String redirectUri, @FormParam("state") String state,
            @FormParam("nonce") String nonce, @FormParam("client_id") String clientId, @FormParam("user") String user,
            @FormParam("organisation") String organisation, @FormParam("roles") List<String> roles) {
        if (redirectUri == null || !redirectUri.startsWith("http://localhost:")) {
            return Response.status(Response.Status.BAD_REQUEST).entity("The dev sign-in only returns to localhost")
                    .build();
        }
        String code = UUID.randomUUID().toString();
        CODES.put(code, new SignIn(blankTo(user, "dev"), blankTo(organisation, "acme"),
                Set.copyOf(roles == null ? List.of() : roles), nonce, clientId,
                System.currentTimeMillis() + CODE_LIFETIME.toMillis()));
        URI back = UriBuilder.fromUri(redirectUri).queryParam("code", code).queryParam("state", state).build();
        return Response.seeOther(back).build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("code") String code, @FormParam("client_id") String clientId) {
        SignIn signIn = code == null ? null : CODES.remove(code);
        if (signIn == null || signIn.expiresAtMillis() < System.currentTimeMillis()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "invalid_grant")).build();
        }
        String audience = signIn.clientId() != null ? signIn.clientId() : clientId;
        var idToken = Jwt.issuer(issuer).audience(audience).subject(signIn.user()).upn(signIn.user())
                .claim("preferred_username", signIn.user()).groups(signIn.roles())
                .claim(config.security().organisationClaim(), signIn.organisation())
                .expiresIn(Duration.ofHours(8));
        if (signIn.nonce() != null) {
            idToken.claim("nonce", signIn.nonce());
        }
        String signedId = idToken.jws().keyId(KEY_ID).sign();
        String access = Jwt.issuer(issuer).audience(audience).subject(signIn.user()).upn(signIn.user())
                .groups(signIn.roles()).claim(config.security().organisationClaim(), signIn.organisation())
                .expiresIn(Duration.ofHours(8)).jws().keyId(KEY_ID).sign();
        return Response.ok(Map.of("access_token", access, "id_token", signedId, "token_type", "Bearer",
                "expires_in", Duration.ofHours(8).toSeconds())).build();
    }

    /** Ends the provider's side of a session (there is none to end) and returns where the client asked. */
    @GET
    @Path("logout")
    public Response logout(@QueryParam("post_logout_redirect_uri") String back) {
        if (back == null || !back.startsWith("http://localhost:")) {
            return Response.ok("Signed out").type(MediaType.TEXT_PLAIN).build();
        }
        return Response.seeOther(URI.create(back)).build();
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() throws java.security.GeneralSecurityException {
        if (publicKey.isEmpty()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        RSAPublicKey rsa = (RSAPublicKey) KeyUtils.decodePublicKey(publicKey.get());
        return Map.of("keys", List.of(Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                "n", base64Url(rsa.getModulus()), "e", base64Url(rsa.getPublicExponent()))));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
