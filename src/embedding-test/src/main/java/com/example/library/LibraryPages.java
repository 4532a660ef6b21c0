package com.example.library;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The library's own pages, on its own layout (templates/layout.html), and a book as JSON. */
@Path("/library")
@Authenticated
public class LibraryPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long books);
    }

    @Inject
    LibraryService library;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home(library.bookCount());
    }

    @GET
    @Path("books/{isbn}")
    @Produces(MediaType.APPLICATION_JSON)
    public BookView book(@PathParam("isbn") String isbn) {
        return BookView.of(library.book(isbn));
    }
}
