package com.example.library;

/** The library's own role. */
public final class LibraryRoles {

    public static final String LIBRARIAN = "librarian";

    private LibraryRoles() {
    }
}
