package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

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
        @NonNull AccountView account) {

    static ContactView of(Contact contact) {
        return new ContactView(String.valueOf(contact.id), contact.firstName, contact.lastName, contact.emailAddress,
                contact.phone, contact.status, AccountView.of(contact.account));
    }
}
