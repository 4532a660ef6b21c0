package dev.intake.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.batch.ImportBatch;
import dev.intake.imports.ImportService;
import dev.intake.imports.UploadRequest;
import dev.intake.security.Roles;
import io.vertx.core.http.HttpServerRequest;

/**
 * Uploads and downloads of import files and templates, within the caller's organisation; it translates HTTP to and
 * from {@link ImportService}. Statuses and failures are also on GraphQL. Template downloads are
 * {@code GET /imports/templates/{name}.csv}, with {@code ?sample=true} for an example row.
 */
@Path("/imports")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
public class ImportResource {

    @Inject
    ImportService imports;

    @POST
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@BeanParam UploadForm form, @Context HttpServerRequest request) {
        UploadRequest upload = form.toRequest(request);
        return Response.accepted(view(imports.upload(upload))).build();
    }

    @GET
    @Path("templates/{name}.csv")
    public Response template(@PathParam("name") String name, @QueryParam("sample") @DefaultValue("false") boolean sample) {
        return Downloads.send(imports.templateFile(name, sample));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public BatchView batch(@PathParam("id") String id) {
        return view(imports.get(id));
    }

    @GET
    @Path("{id}/original")
    public Response original(@PathParam("id") String id) {
        return Downloads.send(imports.original(id));
    }

    @GET
    @Path("{id}/exceptions.csv")
    public Response exceptions(@PathParam("id") String id) {
        return Downloads.send(imports.exceptions(id));
    }

    @GET
    @Path("{id}/results.csv")
    public Response results(@PathParam("id") String id) {
        return Downloads.send(imports.results(id));
    }

    @GET
    @Path("{id}/results.ndjson")
    public Response resultsNdjson(@PathParam("id") String id) {
        return Downloads.send(imports.resultsNdjson(id));
    }

    @GET
    @Path("{id}/exceptions.xlsx")
    public Response exceptionsXlsx(@PathParam("id") String id) {
        return Downloads.send(imports.exceptionsXlsx(id));
    }

    private BatchView view(ImportBatch batch) {
        return BatchView.of(batch, imports.offers(batch.template()));
    }

    /** Refusals and failures of these endpoints answer Intake's error body; a host's endpoints keep their own. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
