package dev.intake.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.imports.ImportService;
import dev.intake.security.Roles;
import dev.intake.sets.ImportSets;
import dev.intake.sets.SetIntake;
import io.vertx.core.http.HttpServerRequest;

/**
 * Import sets on the REST API: {@code POST /imports/sets} takes several files, each with its template (or
 * {@code auto}), or one workbook whose sheets name their templates, and answers the set; {@code GET
 * /imports/sets/{id}} reads it. Each batch's files download as any batch's.
 */
@Path("/imports/sets")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
@Tag(name = "Imports")
@APIResponse(responseCode = "401", description = "No valid bearer token (error_code unauthorized)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this (error_code forbidden)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
public class SetResource {

    @Inject
    ImportSets sets;

    @Inject
    ImportService imports;

    /** The set's multipart form: files and their templates in the same order. */
    public static final class SetForm {
        @RestForm("file")
        List<FileUpload> files;

        /** One per file, in the files' order: a template's name, or {@code auto}. */
        @RestForm("template")
        List<String> templates;

        @RestForm("dryRun")
        String dryRun;

        /** For a workbook, {@code Sheet=template} for a sheet whose name is not its template's. */
        @RestForm("sheetTemplate")
        List<String> sheetTemplates;
    }

    @POST
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload several files as one set", description = "Takes several files, each followed by its"
            + " template (a template's name, or auto to choose it from the file's headers), or one Excel workbook"
            + " whose sheets are named after templates (or mapped with sheetTemplate=Sheet=template). Each file becomes"
            + " a batch; a file whose lookups refer to records another file of the set creates runs after that file's"
            + " batch has ended. Requires the import-admin role.")
    @APIResponse(responseCode = "202", description = "The set, with its batches pending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SetView.class)))
    @APIResponse(responseCode = "400", description = "A file or template was refused, two files create the same"
            + " records, or files wait for each other (error_code set-order)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response upload(@jakarta.ws.rs.BeanParam SetForm form, @Context HttpServerRequest request) {
        return Response.accepted(view(sets.get(create(form, request)))).build();
    }

    /** Creates the set the form describes, as the caller; answers its ID. Shared with the console's wizard. */
    public String create(SetForm form, HttpServerRequest request) {
        List<FileUpload> files = form.files == null ? List.of() : form.files;
        List<String> templates = form.templates == null ? List.of() : form.templates;
        if (!templates.isEmpty() && templates.size() != files.size()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "template-count", "The set has " + files.size()
                    + " files but " + templates.size() + " templates", "Give one template field per file, in the"
                            + " files' order; auto chooses it from the file's headers");
        }
        List<SetIntake.SetFile> setFiles = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            setFiles.add(new SetIntake.SetFile(files.get(i).fileName(), files.get(i).uploadedFile(),
                    templates.isEmpty() ? null : templates.get(i)));
        }
        Map<String, String> sheets = new LinkedHashMap<>();
        for (String mapping : form.sheetTemplates == null ? List.<String>of() : form.sheetTemplates) {
            int equals = mapping.lastIndexOf('=');
            if (equals <= 0) {
                throw new ApiException(Response.Status.BAD_REQUEST, "invalid-sheet-template", "The form field"
                        + " 'sheetTemplate' is '" + mapping + "'", "Write it as Sheet=template, such as"
                                + " People=createPerson");
            }
            sheets.put(mapping.substring(0, equals), mapping.substring(equals + 1));
        }
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return sets.upload(setFiles, sheets, "true".equalsIgnoreCase(form.dryRun), client).id().toString();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An import set", description = "Its status (the worst of its batches'), counts, and batches"
            + " with the batches each waits for, as GraphQL's importSet gives them")
    @APIResponse(responseCode = "200", description = "The set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SetView.class)))
    @APIResponse(responseCode = "404", description = "No set of the caller's organisation has that ID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public SetView set(@Parameter(description = "The set's ID, as the upload answered it") @PathParam("id") String id) {
        return view(sets.get(id));
    }

    private SetView view(ImportSets.SetState state) {
        return SetView.of(state, batch -> BatchView.of(batch, imports.offers(batch.template())));
    }

    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
