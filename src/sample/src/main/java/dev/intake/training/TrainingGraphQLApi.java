package dev.intake.training;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.intake.template.ImportAction;
import io.quarkus.security.Authenticated;

/**
 * The sample business API: accounts and contacts of a training company. Writes need a business role; reads
 * need a token; everything stays inside the caller's organisation.
 */
@GraphQLApi
@Authenticated
public class TrainingGraphQLApi {

    @Inject
    AccountService accounts;

    @Inject
    ContactService contacts;

    @Mutation
    @RolesAllowed(TrainingRoles.ACCOUNTS_WRITER)
    @ImportAction(undo = "deleteAccount", read = "accountsById")
    @Description("Create an account")
    public AccountView createAccount(@NonNull @Valid AccountInput input) {
        return accounts.create(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.ACCOUNTS_WRITER)
    @Description("Delete an account that no contact and no other account refers to; true when it was deleted")
    public boolean deleteAccount(@NonNull @Id String id) {
        return accounts.delete(id);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.CONTACTS_WRITER)
    @ImportAction(undo = "deleteContact", read = "contactsById")
    @Description("Create a contact at an existing account")
    public ContactView createContact(@NonNull @Valid ContactInput input) {
        return contacts.create(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.CONTACTS_WRITER)
    @Description("Delete a contact; true when it was deleted")
    public boolean deleteContact(@NonNull @Id String id) {
        return contacts.delete(id);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.CONTACTS_WRITER)
    @ImportAction(undo = "updateContact", read = "contactsById", clear = "clear")
    @Description("Change an existing contact; fields left out keep their value")
    public ContactView updateContact(@NonNull @Valid UpdateContactInput input) {
        return contacts.update(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.CONTACTS_WRITER)
    @ImportAction(undo = "deleteContact", restore = "updateContact", read = "contactsById", clear = "clear")
    @Description("Change the contact with the given ID, or else the one with the email address, or create it")
    public ContactUpsertResult upsertContact(@NonNull @Valid UpsertContactInput input) {
        return contacts.upsert(input);
    }

    @NonNull
    @Description("The contact's account")
    public AccountView account(@Source ContactView contact) {
        return accounts.byKey(contact.accountKey());
    }

    @Description("The contact's manager, another contact; null for none")
    public ContactView manager(@Source ContactView contact) {
        return contacts.byKey(contact.managerKey());
    }

    @Query
    @Description("All accounts, by name")
    public @NonNull List<@NonNull AccountView> accounts() {
        return accounts.all();
    }

    @Query
    @Description("One account by ID")
    public AccountView account(@NonNull @Id String id) {
        return accounts.byId(id);
    }

    @Query
    @Description("Contacts, oldest first, a page at a time")
    public @NonNull List<@NonNull ContactView> contacts(
            @DefaultValue("100") @Description("How many contacts, at most 1000") int limit,
            @DefaultValue("0") @Description("How many contacts to skip") int offset) {
        return contacts.page(Math.max(0, offset), Math.min(Math.max(limit, 0), 1000));
    }

    @Query
    @Description("The contacts with these IDs, in no particular order; an ID of no contact is left out")
    public @NonNull List<@NonNull ContactView> contactsById(@NonNull List<@NonNull String> ids) {
        return contacts.byIds(ids);
    }

    @Query
    @Description("The accounts with these IDs, in no particular order; an ID of no account is left out")
    public @NonNull List<@NonNull AccountView> accountsById(@NonNull List<@NonNull String> ids) {
        return accounts.byIds(ids);
    }

    @Query
    @Description("One contact by ID")
    public ContactView contact(@NonNull @Id String id) {
        return contacts.byId(id);
    }
}
