package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What an upsert did: the contact's ID, whether it was created, and the contact. */
@Type("ContactUpsertResult")
@Description("The outcome of upsertContact")
public record ContactUpsertResult(
        @Id @NonNull @Description("The contact's ID") String id,
        @Description("True when the contact was created, false when an existing one was changed") boolean created,
        @NonNull ContactView contact) {
}
