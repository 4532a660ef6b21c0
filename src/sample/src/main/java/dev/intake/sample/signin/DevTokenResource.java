package dev.intake.sample.signin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.api.RestErrors;
import dev.intake.config.IntakeConfig;
import dev.intake.security.KnownRoles;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * Mints a token signed with the dev key pair, for dev mode and tests. The class is only built into dev and test
 * builds, so no setting can switch it on in a production build.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/dev/token")
public class DevTokenResource {

    @Inject
    IntakeConfig config;

    @Inject
    KnownRoles knownRoles;

    @ConfigProperty(name = "quarkus.oidc.token.issuer")
    String issuer;

    @ConfigProperty(name = "quarkus.oidc.token.audience")
    String audience;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("user") @DefaultValue("dev") String user,
            @QueryParam("roles") @DefaultValue("import-admin") String roles,
            @QueryParam("org") @DefaultValue("acme") String organisation) {
        Set<String> groups = Arrays.stream(roles.split(",")).map(String::strip).filter(role -> !role.isEmpty())
                .collect(Collectors.toSet());
        Set<String> known = knownRoles.all();
        List<String> unknown = groups.stream().filter(role -> !known.contains(role)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new UnknownRoleException(unknown, new java.util.TreeSet<>(known));
        }
        return Jwt.issuer(issuer)
                .audience(audience)
                .upn(user)
                .groups(groups)
                .claim(config.security().organisationClaim(), organisation)
                .expiresIn(Duration.ofHours(12))
                .sign();
    }

    /** An unknown role answers Intake's error body (unknown-role), as the rest of the API would. */
    @ServerExceptionMapper
    public Response error(UnknownRoleException failure) {
        return RestErrors.response(failure);
    }
}
