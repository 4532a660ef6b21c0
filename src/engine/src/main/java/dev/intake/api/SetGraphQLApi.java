package dev.intake.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.imports.ImportService;
import dev.intake.imports.Page;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.sets.ImportSets;

/** Import sets on {@code /graphql}: a set with its batches, the organisation's sets, and cancel and rollback. */
@GraphQLApi
public class SetGraphQLApi {

    @Inject
    ImportSets sets;

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    @Query
    @Description("One import set by ID, with its batches")
    public SetView importSet(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return sets.find(id).map(this::view).orElse(null);
    }

    @Query
    @NonNull
    @Description("Import sets, newest first")
    public SetConnection importSets(@DefaultValue("20") @Description("How many sets, at most 500") int first,
            @Description("The endCursor of the previous page") String after) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        Page<ImportSets.SetState> page = sets.page(first, after);
        List<SetEdge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            edges.add(new SetEdge(page.cursors().get(i), view(page.items().get(i))));
        }
        return new SetConnection(edges, new Connections.PageInfo(page.hasNextPage(), page.endCursor()));
    }

    @Mutation
    @Description("Cancel every batch of the set that has not ended; rows already imported stay")
    public @NonNull SetView cancelImportSet(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(sets.cancel(id));
    }

    @Mutation
    @Description("Roll back every batch of the set that has committed rows, as rollbackImport does, in reverse"
            + " dependency order: a batch is undone after the batches that refer to its records")
    public @NonNull SetView rollbackImportSet(@NonNull @Id String id,
            @DefaultValue("false") @Description("Undo records changed since the import too") boolean force) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(sets.rollback(id, force));
    }

    private SetView view(ImportSets.SetState state) {
        return SetView.of(state, batch -> BatchView.of(batch, imports.offers(batch.template())));
    }

    @Type("IntakeImportSetEdge")
    public record SetEdge(@NonNull String cursor, @NonNull SetView node) {
    }

    @Type("IntakeImportSetConnection")
    @Description("A page of import sets, newest first")
    public record SetConnection(@NonNull List<@NonNull SetEdge> edges, @NonNull Connections.PageInfo pageInfo) {
    }
}
