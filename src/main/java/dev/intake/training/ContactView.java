package dev.intake.training;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.customfield.CustomFieldValue;
import dev.intake.id.GlobalId;

/** A contact as GraphQL clients read it. */
@Type("Contact")
@Description("A person at an account")
public record ContactView(
        @Id @NonNull String id,
        @NonNull String firstName,
        @NonNull String lastName,
        @NonNull String emailAddress,
        String phone,
        @NonNull ContactStatus status,
        @NonNull AccountView account,
        @NonNull List<@NonNull CustomFieldValue> customFields) {

    static final String TYPE = "Contact";

    static ContactView of(Contact contact) {
        return new ContactView(GlobalId.encode(TYPE, contact.id), contact.firstName, contact.lastName,
                contact.emailAddress, contact.phone, contact.status, AccountView.of(contact.account),
                CustomFieldValue.of(contact.customFields));
    }
}
