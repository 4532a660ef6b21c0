package dev.intake.training;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.SessionCheckMode;

import dev.intake.customfield.CustomFieldService;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.id.GlobalId;
import dev.intake.lookup.Lookups;
import dev.intake.lookup.UniquenessChecks;
import dev.intake.security.Caller;

/**
 * Creates, changes and finds the contacts of the caller's organisation. Checks run before the write transaction,
 * so a refused request writes nothing.
 */
@ApplicationScoped
public class ContactService {

    static final String ENTITY = "Contact";

    @Inject
    Caller caller;

    @Inject
    Lookups lookups;

    @Inject
    CustomFieldService customFields;

    @Inject
    UniquenessChecks uniqueness;

    @Inject
    ContactKeys keys;

    @Inject
    EntityManager entityManager;

    public ContactView create(ContactInput input) {
        long account = lookups.id(TrainingLookups.ACCOUNTS, "input/account", input.account());
        Long manager = input.manager() == null || input.manager().isBlank() ? null
                : lookups.id(TrainingLookups.CONTACTS, "input/manager", input.manager());
        if (uniqueness.beforeWriting()) {
            ensureEmailFree(input.emailAddress(), null);
        }
        Map<String, Object> custom = customFields.validated(ENTITY, input.customFields(), true);
        Changes changes = new Changes(input.firstName(), input.lastName(), input.emailAddress(), input.phone(),
                input.status(), account, custom, false).withManager(manager);
        return insert(changes, caller.organisation());
    }

    public ContactView update(UpdateContactInput input) {
        long id = existingId(input.id());
        Long account = input.account() == null ? null : lookups.id(TrainingLookups.ACCOUNTS, "input/account", input.account());
        if (input.emailAddress() != null && uniqueness.beforeWriting()) {
            ensureEmailFree(input.emailAddress(), id);
        }
        Map<String, Object> custom = customFields.validated(ENTITY, input.customFields(), false);
        return apply(id, new Changes(input.firstName(), input.lastName(), input.emailAddress(), input.phone(),
                input.status(), account, custom, clearsPhone(input)));
    }

    /** Whether the input clears the phone number: the one field clear may name, and then the input does not set it. */
    private static boolean clearsPhone(UpdateContactInput input) {
        if (input.clear() == null) {
            return false;
        }
        for (String name : input.clear()) {
            if (!UpdateContactInput.CLEARABLE.contains(name)) {
                throw new InvalidValueException("input/clear", "'" + name + "' cannot be cleared; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(UpdateContactInput.CLEARABLE))
                        + " (the other fields of a contact are required)");
            }
        }
        if (input.clear().contains("phone") && input.phone() != null) {
            throw new InvalidValueException("input/clear", "phone is both given a value and named to clear; expected"
                    + " one or the other");
        }
        return input.clear().contains("phone");
    }

    /** Changes the contact with the given ID (which must exist), or else the one with the email address, or creates one. */
    public ContactUpsertResult upsert(UpsertContactInput input) {
        Long id = input.id() == null ? byEmail(input.emailAddress()) : Long.valueOf(existingId(input.id()));
        Long account = input.account() == null ? null : lookups.id(TrainingLookups.ACCOUNTS, "input/account", input.account());
        if (id != null && input.id() != null && uniqueness.beforeWriting()) {
            ensureEmailFree(input.emailAddress(), id);
        }
        Map<String, Object> custom = customFields.validated(ENTITY, input.customFields(), id == null);
        Changes changes = new Changes(input.firstName(), input.lastName(), input.emailAddress(), input.phone(),
                input.status(), account, custom, false);
        if (id != null) {
            ContactView changed = apply(id, changes);
            return new ContactUpsertResult(changed.id(), false, changed);
        }
        requireForCreate(changes);
        ContactView created = insert(changes, caller.organisation());
        return new ContactUpsertResult(created.id(), true, created);
    }

    /** The values a write sets; {@code null} leaves a field as it is, unless it is cleared. */
    record Changes(String firstName, String lastName, String emailAddress, String phone, ContactStatus status,
            Long accountId, Map<String, Object> customFields, boolean clearPhone, Long managerId) {

        Changes(String firstName, String lastName, String emailAddress, String phone, ContactStatus status,
                Long accountId, Map<String, Object> customFields, boolean clearPhone) {
            this(firstName, lastName, emailAddress, phone, status, accountId, customFields, clearPhone, null);
        }

        /** The same changes, setting the manager too. */
        Changes withManager(Long manager) {
            return new Changes(firstName, lastName, emailAddress, phone, status, accountId, customFields, clearPhone,
                    manager);
        }
    }

    /** Writes the contact and reads it back as a view while the transaction is open. */
    @Transactional
    ContactView insert(Changes changes, String organisation) {
        Contact contact = new Contact();
        contact.organisation = organisation;
        copy(changes, contact);
        contact.persist();
        keys.remember(organisation, contact.emailAddress, contact.id);
        keys.hold(contact);
        return ContactView.of(contact);
    }

    @Transactional
    ContactView apply(long id, Changes changes) {
        Contact contact = find(id);
        String before = contact.emailAddress;
        copy(changes, contact);
        if (!before.equals(contact.emailAddress)) {
            keys.forget(contact.organisation, before);
            keys.remember(contact.organisation, contact.emailAddress, contact.id);
        }
        return ContactView.of(contact);
    }

    private static void copy(Changes changes, Contact contact) {
        if (changes.firstName() != null) {
            contact.firstName = changes.firstName();
        }
        if (changes.lastName() != null) {
            contact.lastName = changes.lastName();
        }
        if (changes.emailAddress() != null) {
            contact.emailAddress = changes.emailAddress();
        }
        if (changes.phone() != null || changes.clearPhone()) {
            contact.phone = changes.phone();
        }
        if (changes.status() != null) {
            contact.status = changes.status();
        }
        if (changes.accountId() != null) {
            contact.accountId = changes.accountId();
        }
        if (changes.managerId() != null) {
            contact.managerId = changes.managerId();
        }
        if (!changes.customFields().isEmpty()) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>(contact.customFields);
            merged.putAll(changes.customFields());
            contact.customFields = merged;
        }
    }

    private static void requireForCreate(Changes changes) {
        String missing = changes.firstName() == null ? "input/firstName" : changes.lastName() == null ? "input/lastName"
                : changes.status() == null ? "input/status" : changes.accountId() == null ? "input/account" : null;
        if (missing != null) {
            throw new InvalidValueException(missing, "a value is required to create a contact (no contact has this email "
                    + "address yet)");
        }
    }

    public List<ContactView> page(int offset, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return Contact.<Contact>find("from Contact c join fetch c.account where c.organisation = ?1 order by c.id",
                caller.organisation()).range(offset, offset + limit - 1).list().stream()
                .map(ContactView::of).toList();
    }

    /** Deletes a contact of the caller's organisation, in one statement. */
    @Transactional
    public boolean delete(String id) {
        long deleted = GlobalId.decode(ContactView.TYPE, id).map(key -> Contact.delete("id = ?1 and organisation = ?2",
                key, caller.organisation())).orElse(0L);
        if (deleted == 0) {
            throw new NotFoundException("id", "No contact has the ID '" + id + "'");
        }
        return true;
    }

    /**
     * The caller's contacts with these IDs; an ID of no contact of theirs is left out. Those the transaction holds
     * (an import's preload) are taken from it, the others read by one query over an array of IDs: no flush of what
     * the transaction changed first, and one statement whatever the number of IDs.
     */
    public List<ContactView> byIds(List<String> ids) {
        List<Long> keys = ids.stream().map(id -> GlobalId.decode(ContactView.TYPE, id)).flatMap(Optional::stream)
                .distinct().toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        return entityManager.unwrap(Session.class).findMultiple(Contact.class, keys, SessionCheckMode.ENABLED)
                .stream().filter(contact -> contact != null && contact.organisation.equals(caller.organisation()))
                .map(ContactView::of).toList();
    }

    /** The caller's contact with this key, or {@code null}. */
    public ContactView byKey(Long key) {
        return key == null ? null : Contact.<Contact>find("id = ?1 and organisation = ?2", key, caller.organisation())
                .firstResultOptional().map(ContactView::of).orElse(null);
    }

    public ContactView byId(String id) {
        return GlobalId.decode(ContactView.TYPE, id).map(this::own).map(ContactView::of).orElse(null);
    }

    private long existingId(String id) {
        return GlobalId.decode(ContactView.TYPE, id).map(this::own).map(contact -> contact.id)
                .orElseThrow(() -> new NotFoundException("input/id", "No contact has the ID '" + id + "'"));
    }

    /** The contact with the address: from what the transaction knows (an import's preload), else by a query. */
    private Long byEmail(String emailAddress) {
        java.util.Optional<ContactKeys.Known> known = keys.known(caller.organisation(), emailAddress);
        if (known.isPresent()) {
            return known.get().id();
        }
        Contact contact = Contact.<Contact>find("organisation = ?1 and lower(emailAddress) = lower(?2)",
                caller.organisation(), emailAddress).firstResult();
        return contact == null ? null : contact.id;
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

    /**
     * The caller's contact with this ID; another organisation's contact is as if it did not exist. Found by primary
     * key, so a contact the transaction already holds costs no query, and no query means no flush of the rows
     * written before it in the chunk (a query would flush them one by one, checking every entity held).
     */
    private Contact own(long id) {
        Contact contact = find(id);
        return contact != null && contact.organisation.equals(caller.organisation()) ? contact : null;
    }

    /**
     * The contact with the ID, any organisation's: the one the transaction holds, none when the import's preload
     * found none, else Hibernate's.
     */
    private Contact find(long id) {
        ContactKeys.Holding holding = keys.holding(id);
        if (holding.none()) {
            return null;
        }
        return holding.contact() != null && entityManager.contains(holding.contact()) ? holding.contact()
                : entityManager.find(Contact.class, id);
    }
}
