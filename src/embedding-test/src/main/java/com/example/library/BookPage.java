package com.example.library;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A page of the catalogue, as a Relay connection with the library's own {@code PageInfo}: a type Intake's import API
 * has too, which is why this application sets {@code intake.graphql.type-prefix}.
 */
@Type("BookConnection")
public record BookPage(@NonNull List<@NonNull BookView> nodes, @NonNull PageInfo pageInfo) {

    /** Where the page ends. */
    @Type("PageInfo")
    public record PageInfo(boolean hasNextPage, String endCursor, int totalCount) {
    }
}
