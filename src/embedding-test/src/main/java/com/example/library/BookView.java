package com.example.library;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A book as clients read it. */
@Type("Book")
public record BookView(@Id @NonNull String id, @NonNull String isbn, @NonNull String title, @NonNull Genre genre) {

    static BookView of(Book book) {
        return new BookView(String.valueOf(book.id), book.isbn, book.title, book.genre);
    }
}
