package dev.intake.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import dev.intake.imports.ImportService;
import dev.intake.security.Roles;

/** Template downloads: {@code GET /imports/templates/{name}.csv}, with {@code ?sample=true} for an example row. */
@Path("/imports/templates")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
public class TemplateResource {

    @Inject
    ImportService imports;

    @GET
    @Path("{name}.csv")
    public Response csv(@PathParam("name") String name, @QueryParam("sample") @DefaultValue("false") boolean sample) {
        return Downloads.send(imports.templateFile(name, sample));
    }
}
