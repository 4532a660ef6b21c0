package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.id.GlobalId;

/** An account as GraphQL clients read it. */
@Type("Account")
@Description("A customer organisation")
public record AccountView(@Id @NonNull String id, @NonNull String name, String website,
        @Description("The name of the account this one belongs to") String parent) {

    static final String TYPE = "Account";

    static AccountView of(Account account) {
        return new AccountView(GlobalId.encode(TYPE, account.id), account.name, account.website,
                account.parent == null ? null : account.parent.name);
    }
}
