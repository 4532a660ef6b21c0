package dev.intake.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateCsv;

/** Template downloads: {@code GET /imports/templates/{name}.csv}, with {@code ?sample=true} for an example row. */
@Path("/imports/templates")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
public class TemplateResource {

    @Inject
    TemplateCatalog templates;

    @Inject
    Caller caller;

    @GET
    @Path("{name}.csv")
    public Response csv(@PathParam("name") String name, @QueryParam("sample") @DefaultValue("false") boolean sample) {
        ImportTemplate template = templates.byName(name, caller.organisation()).orElseThrow(() -> unknown(name));
        return Response.ok(TemplateCsv.write(template, sample), CsvDownloads.CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, CsvDownloads.attachment(name + ".csv"))
                .build();
    }

    private ApiException unknown(String name) {
        var close = templates.closeTo(name);
        return new ApiException(Response.Status.NOT_FOUND, "unknown_template", "There is no template named '" + name + "'",
                close.isEmpty() ? "The importTemplates query lists them" : "Did you mean " + String.join(" or ", close) + "?");
    }
}
