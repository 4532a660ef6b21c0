package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.id.GlobalId;

/** A currency as GraphQL clients read it. */
@Type("Currency")
@Description("A currency prices can be given in")
public record CurrencyView(@Id @NonNull String id, @NonNull String code, @NonNull String name) {

    static final String TYPE = "Currency";

    static CurrencyView of(Currency currency) {
        return new CurrencyView(GlobalId.encode(TYPE, currency.id), currency.code, currency.name);
    }
}
