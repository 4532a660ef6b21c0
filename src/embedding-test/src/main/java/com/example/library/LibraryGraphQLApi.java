package com.example.library;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.Authenticated;

/** The library's own API: its catalogue, members and loans. Every mutation that takes an input is importable. */
@GraphQLApi
@Authenticated
public class LibraryGraphQLApi {

    @Inject
    LibraryService library;

    @Query
    @Description("The catalogue, by ISBN, a page at a time")
    public @NonNull BookPage books(@DefaultValue("20") int first, @DefaultValue("0") int offset) {
        List<BookView> page = library.books(first, offset).stream().map(BookView::of).toList();
        long total = library.bookCount();
        return new BookPage(page, new BookPage.PageInfo(offset + page.size() < total,
                page.isEmpty() ? null : page.get(page.size() - 1).isbn(), (int) total));
    }

    @Query
    @Description("Every loan, open or returned")
    public @NonNull List<@NonNull LoanView> loans() {
        return library.loans();
    }

    @Mutation
    @RolesAllowed(LibraryRoles.LIBRARIAN)
    @Description("Add a book to the catalogue")
    public BookView addBook(@NonNull @Valid BookInput input) {
        return library.addBook(input);
    }

    @Mutation
    @RolesAllowed(LibraryRoles.LIBRARIAN)
    @Description("Register a reader and their library card")
    public String registerMember(@NonNull @Valid MemberInput input) {
        return String.valueOf(library.registerMember(input).id);
    }

    @Mutation
    @RolesAllowed(LibraryRoles.LIBRARIAN)
    @Description("Lend a book to a member")
    public LoanView lendBook(@NonNull @Valid LoanInput input) {
        return library.lend(input);
    }

    @Mutation
    @RolesAllowed(LibraryRoles.LIBRARIAN)
    @Description("Take a book back")
    public LoanView returnBook(@NonNull @Valid ReturnInput input) {
        return library.giveBack(input);
    }
}
