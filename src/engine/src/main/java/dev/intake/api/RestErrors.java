package dev.intake.api;

import java.util.Locale;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

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
 * Intake's REST error body for whatever its endpoints throw. User errors say what was wrong; anything unexpected is
 * logged and answered with a generic message, never a class name, stack trace or SQL.
 * <p>
 * It is no exception mapper of its own: a global one would answer for a host's endpoints too. Each of Intake's
 * resources maps its own exceptions here with a {@code @ServerExceptionMapper} method, which Quarkus REST applies to
 * that class's endpoints only.
 */
public final class RestErrors {

    private static final Logger LOG = Logger.getLogger(RestErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestErrors() {
    }

    /** The response for a failure of one of Intake's endpoints. */
    public static Response response(Throwable failure) {
        if (failure instanceof ApiException e) {
            return respond(e.status(), e.code(), e.getMessage(), e.details());
        }
        if (failure instanceof UserFacingException e) {
            return respond(statusOf(e), ErrorCodes.of(e), e.getMessage(), e.details());
        }
        if (failure instanceof RejectedUploadException e) {
            return respond(Response.Status.BAD_REQUEST, e.code(), e.getMessage(), e.details());
        }
        if (failure instanceof UploadTooLargeException e) {
            return respond(Response.Status.REQUEST_ENTITY_TOO_LARGE, "file-too-large", e.getMessage(),
                    "Split the file into smaller ones");
        }
        if (failure instanceof DuplicateActiveBatchException e) {
            return respond(Response.Status.CONFLICT, "duplicate-import", e.getMessage(),
                    (e.existing() == null ? "" : "Its status is at /imports/" + e.existing() + ". ")
                            + "Wait for that batch to finish before uploading the same file again");
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            return Response.fromResponse(respond(Response.Status.UNAUTHORIZED, "unauthorized",
                    "A valid bearer token is required", "Send it as 'Authorization: Bearer <token>'"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        if (failure instanceof ForbiddenException e) {
            return respond(Response.Status.FORBIDDEN, "forbidden", "The token does not allow this",
                    e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage());
        }
        if (failure instanceof WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
            return respond(status, code, status.getReasonPhrase(), null);
        }
        LOG.error("Unexpected error in a REST request", failure);
        return respond(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "The server failed to handle the request; its log has the details", null);
    }

    private static Response.Status statusOf(UserFacingException e) {
        if (e instanceof NotFoundException) {
            return Response.Status.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return Response.Status.CONFLICT;
        }
        return e instanceof BatchPurgedException ? Response.Status.GONE : Response.Status.BAD_REQUEST;
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
