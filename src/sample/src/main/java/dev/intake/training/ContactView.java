package dev.intake.training;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.customfield.CustomFieldValue;
import dev.intake.id.GlobalId;

/**
 * A contact as GraphQL clients read it. Its account is resolved only when a client asks for it, so writing a
 * contact does not load its account just to describe it.
 */
@Type("Contact")
@Description("A person at an account")
public record ContactView(
        @Id @NonNull String id,
        @NonNull String firstName,
        @NonNull String lastName,
        @NonNull String emailAddress,
        String phone,
        @NonNull ContactStatus status,
        @Ignore long accountKey,
        @Ignore Long managerKey,
        @NonNull List<@NonNull CustomFieldValue> customFields) {

    static final String TYPE = "Contact";

    static ContactView of(Contact contact) {
        return new ContactView(GlobalId.encode(TYPE, contact.id), contact.firstName, contact.lastName,
                contact.emailAddress, contact.phone, contact.status, contact.accountId, contact.managerId,
                CustomFieldValue.of(contact.customFields));
    }
}
