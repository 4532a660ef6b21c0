package dev.intake.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.intake.error.NotFoundException;
import dev.intake.remote.RemoteTargets;
import dev.intake.security.Caller;
import dev.intake.security.Roles;

/** The remote targets on {@code /graphql}, for admins: their schema, reachability and overlay, and a refresh. */
@GraphQLApi
public class TargetGraphQLApi {

    @Inject
    RemoteTargets targets;

    @Inject
    Caller caller;

    @Query
    @Description("The GraphQL APIs over HTTP that the operator configured as targets")
    public @NonNull List<@NonNull TargetView> importTargets() {
        caller.require(Roles.IMPORT_ADMIN);
        return targets.statuses().stream().map(TargetView::of).toList();
    }

    @Mutation
    @Description("Read a target's schema again, now; a changed schema gives its changed templates a new version")
    public @NonNull TargetView refreshImportTarget(@NonNull @Description("The target's name, such as crm") String name) {
        caller.require(Roles.IMPORT_ADMIN);
        return targets.refresh(name).map(TargetView::of)
                .orElseThrow(() -> new NotFoundException("name", "No target is named " + name
                        + "; the importTargets query lists them"));
    }
}
