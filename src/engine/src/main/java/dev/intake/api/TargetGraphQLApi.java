package dev.intake.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.intake.imports.ImportService;

/**
 * The remote targets on {@code /graphql}, for admins: their schema, reachability and overlay, and a refresh. The
 * service checks the caller's role.
 */
@GraphQLApi
public class TargetGraphQLApi {

    @Inject
    ImportService imports;

    @Query
    @Description("The GraphQL APIs over HTTP that the operator configured as targets")
    public @NonNull List<@NonNull TargetView> importTargets() {
        return imports.targets().stream().map(TargetView::of).toList();
    }

    @Mutation
    @Description("Read a target's schema again, now; a changed schema gives its changed templates a new version")
    public @NonNull TargetView refreshImportTarget(@NonNull @Description("The target's name, such as crm") String name) {
        return TargetView.of(imports.refreshTarget(name));
    }
}
