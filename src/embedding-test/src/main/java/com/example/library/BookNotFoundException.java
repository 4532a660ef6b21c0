package com.example.library;

/** No book of the library has the ISBN; the library's own error, answered by its own mapper. */
public class BookNotFoundException extends RuntimeException {

    public BookNotFoundException(String isbn) {
        super("No book has the ISBN " + isbn);
    }
}
