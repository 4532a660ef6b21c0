package com.example.library;

/** What shelf a book goes on. */
public enum Genre {
    FICTION, NON_FICTION, REFERENCE, CHILDREN
}
