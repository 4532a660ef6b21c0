package dev.intake.api;

import jakarta.ws.rs.core.Response;

/** A REST request Intake refuses, answered with the error body of the interface contract. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String code;
    private final String details;

    public ApiException(Response.Status status, String code, String message, String details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public Response.Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String details() {
        return details;
    }
}
