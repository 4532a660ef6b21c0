package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;

import dev.intake.id.GlobalId;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An account as GraphQL clients read it. */
@Type("Account")
@Description("A customer organisation")
public record AccountView(@Id @NonNull String id, @NonNull String name, String website) {

    static final String TYPE = "Account";

    static AccountView of(Account account) {
        return new AccountView(GlobalId.encode(TYPE, account.id), account.name, account.website);
    }
}
