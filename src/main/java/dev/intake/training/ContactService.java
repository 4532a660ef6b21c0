package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.intake.error.ConflictException;
import dev.intake.error.NotFoundException;
import dev.intake.id.GlobalId;
import dev.intake.security.Caller;

/**
 * Creates, changes and finds the contacts of the caller's organisation. Checks run before the write transaction,
 * so a refused request writes nothing.
 */
@ApplicationScoped
public class ContactService {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    public ContactView create(ContactInput input) {
        Account account = accounts.byNameOrId("input/accountName", input.accountName());
        ensureEmailFree(input.emailAddress(), null);
        return insert(input, account.id, caller.organisation());
    }

    /** Writes the contact and reads it back as a view while the transaction is open. */
    @Transactional
    ContactView insert(ContactInput input, long accountId, String organisation) {
        Contact contact = new Contact();
        contact.organisation = organisation;
        contact.firstName = input.firstName();
        contact.lastName = input.lastName();
        contact.emailAddress = input.emailAddress();
        contact.phone = input.phone();
        contact.status = input.status();
        contact.account = Account.getEntityManager().getReference(Account.class, accountId);
        contact.persist();
        return ContactView.of(contact);
    }

    public ContactView update(UpdateContactInput input) {
        long id = existingId(input.id());
        Long accountId = input.accountName() == null ? null : accounts.byNameOrId("input/accountName", input.accountName()).id;
        if (input.emailAddress() != null) {
            ensureEmailFree(input.emailAddress(), id);
        }
        return apply(id, input, accountId);
    }

    @Transactional
    ContactView apply(long id, UpdateContactInput input, Long accountId) {
        Contact contact = Contact.findById(id);
        if (input.firstName() != null) {
            contact.firstName = input.firstName();
        }
        if (input.lastName() != null) {
            contact.lastName = input.lastName();
        }
        if (input.emailAddress() != null) {
            contact.emailAddress = input.emailAddress();
        }
        if (input.phone() != null) {
            contact.phone = input.phone();
        }
        if (input.status() != null) {
            contact.status = input.status();
        }
        if (accountId != null) {
            contact.account = Account.getEntityManager().getReference(Account.class, accountId);
        }
        return ContactView.of(contact);
    }

    public List<ContactView> page(int offset, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return Contact.<Contact>find("from Contact c join fetch c.account where c.organisation = ?1 order by c.id",
                caller.organisation()).range(offset, offset + limit - 1).list().stream()
                .map(ContactView::of).toList();
    }

    public ContactView byId(String id) {
        return GlobalId.decode(ContactView.TYPE, id).map(this::own).map(ContactView::of).orElse(null);
    }

    private long existingId(String id) {
        return GlobalId.decode(ContactView.TYPE, id).map(this::own).map(contact -> contact.id)
                .orElseThrow(() -> new NotFoundException("input/id", "No contact has the ID '" + id + "'"));
    }

    private void ensureEmailFree(String emailAddress, Long exceptId) {
        String organisation = caller.organisation();
        long taken = exceptId == null
                ? Contact.count("organisation = ?1 and lower(emailAddress) = lower(?2)", organisation, emailAddress)
                : Contact.count("organisation = ?1 and lower(emailAddress) = lower(?2) and id <> ?3", organisation,
                        emailAddress, exceptId);
        if (taken > 0) {
            throw new ConflictException("input/emailAddress",
                    "A contact with the email address '" + emailAddress + "' already exists");
        }
    }

    /** The caller's contact with this ID; another organisation's contact is as if it did not exist. */
    private Contact own(long id) {
        return Contact.<Contact>find("id = ?1 and organisation = ?2", id, caller.organisation()).firstResult();
    }
}
