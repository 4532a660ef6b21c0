package com.example.library;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens of the library's identity provider, signed with the test key. */
final class LibraryTokens {

    private LibraryTokens() {
    }

    /** A librarian of the library named, who may import. */
    static String librarian(String library) {
        return Jwt.preferredUserName(library).groups(Set.of("import-admin", "librarian"))
                .issuer("https://library.example.org").audience("library").expiresIn(Duration.ofHours(1)).sign();
    }
}
