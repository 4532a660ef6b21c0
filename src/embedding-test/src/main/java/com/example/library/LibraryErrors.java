package com.example.library;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The library's error answers, for every endpoint of the application: an RFC 9457 problem document. Intake's
 * endpoints keep their own error body; this mapper sees only the library's.
 */
public class LibraryErrors {

    @ServerExceptionMapper
    public Response notFound(BookNotFoundException e) {
        return problem(Response.Status.NOT_FOUND, e.getMessage());
    }

    /** What JAX-RS itself refuses (an unknown address, a method not allowed) keeps its status. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(Response.Status.fromStatusCode(status.getStatusCode()), status.getReasonPhrase());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "The library could not answer");
    }

    private static Response problem(Response.Status status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity("{\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.getStatusCode()
                        + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}")
                .build();
    }
}
