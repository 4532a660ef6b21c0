package dev.intake.console;

import java.net.URI;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.api.RestErrors;
import dev.intake.progress.BatchFeed;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import io.smallrye.mutiny.Multi;

/**
 * The console's event stream: server-sent events, each the ID of one of the organisation's batches that changed, on
 * the console's session. The pages refresh the batch's row, card or summary when its ID comes, and poll only while
 * the stream is closed. A browser cannot set {@code Authorization} on a stream, and the console's cookie does not
 * open {@code /graphql}, so the console has its own. A request from another site, by its {@code Origin} or
 * {@code Sec-Fetch-Site}, is refused: the session's cookie must not let another site read the organisation's batches.
 */
@Path("/console/events")
public class ConsoleEvents {

    @Inject
    Caller caller;

    @Inject
    BatchFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if ("cross-site".equals(fetchSite) || origin != null && !sameHost(origin, host)) {
            throw new WebApplicationException(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.TEXT_PLAIN_TYPE).entity("The console's events are for its own pages").build());
        }
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return feed.followAll(new BatchFeed.Follower(caller.user(), caller.organisation(), new Object()), null)
                .map(batch -> batch.id().toString());
    }

    /** A refusal (another site, no session, a subscription limit) answers Intake's error body with its status. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }

    /** Whether the Origin names the host and port the request was sent to. */
    static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String expected = (uri.getHost() + ":" + (uri.getPort() < 0 ? defaultPort : uri.getPort()))
                    .toLowerCase(Locale.ROOT);
            String sent = host.toLowerCase(Locale.ROOT);
            return expected.equals(sent.contains(":") ? sent : sent + ":" + defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
