package com.example.library;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.lookup.LookupCatalogue;
import dev.intake.lookup.LookupTarget;

/** What the library's lookup fields refer to: books by ISBN and members by card number, each library's own. */
@ApplicationScoped
public class LibraryLookups implements LookupCatalogue {

    static final LookupTarget<Book> BOOKS = new LookupTarget<>(Book.class, "book", "books", "isbn", "Book", "library");
    static final LookupTarget<Member> MEMBERS = new LookupTarget<>(Member.class, "member", "members", "cardNumber",
            "Member", "library");

    @Override
    public List<LookupTarget<?>> targets() {
        return List.of(BOOKS, MEMBERS);
    }
}
