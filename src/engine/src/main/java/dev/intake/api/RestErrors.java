package dev.intake.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.DuplicateActiveBatchException;
import dev.intake.error.ConflictException;
import dev.intake.error.ErrorCodes;
import dev.intake.error.NotFoundException;
import dev.intake.error.UserFacingException;
import dev.intake.imports.BatchPurgedException;
import dev.intake.upload.RejectedUploadException;
import dev.intake.upload.UploadTooLargeException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps refusals to the REST error body. User errors say what was wrong; anything unexpected is logged and
 * answered with a generic message, never a class name, stack trace or SQL.
 */
public class RestErrors {

    private static final Logger LOG = Logger.getLogger(RestErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response userFacing(UserFacingException e) {
        Response.Status status = e instanceof NotFoundException ? Response.Status.NOT_FOUND
                : e instanceof ConflictException ? Response.Status.CONFLICT
                : e instanceof BatchPurgedException ? Response.Status.GONE : Response.Status.BAD_REQUEST;
        return respond(status, ErrorCodes.of(e), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response rejected(RejectedUploadException e) {
        return respond(Response.Status.BAD_REQUEST, e.code(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response tooLarge(UploadTooLargeException e) {
        return respond(Response.Status.REQUEST_ENTITY_TOO_LARGE, "file-too-large", e.getMessage(),
                "Split the file into smaller ones");
    }

    @ServerExceptionMapper
    public Response duplicate(DuplicateActiveBatchException e) {
        return respond(Response.Status.CONFLICT, "duplicate-import", e.getMessage(),
                (e.existing() == null ? "" : "Its status is at /imports/" + e.existing() + ". ")
                        + "Wait for that batch to finish before uploading the same file again");
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(Response.Status.UNAUTHORIZED, "unauthorized", "A valid bearer token is required",
                "Send it as 'Authorization: Bearer <token>'")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Response.Status.FORBIDDEN, "forbidden", "The token does not allow this",
                e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String code = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return respond(status, code, status.getReasonPhrase(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error in a REST request", e);
        return respond(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "The server failed to handle the request; its log has the details", null);
    }

    static String json(ErrorBody body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response respond(Response.StatusType status, String code, String message, String details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status.getReasonPhrase(), code, message, details))
                .build();
    }
}
