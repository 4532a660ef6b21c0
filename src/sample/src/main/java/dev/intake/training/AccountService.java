package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.SessionCheckMode;

import dev.intake.error.ConflictException;
import dev.intake.error.NotFoundException;
import dev.intake.id.GlobalId;
import dev.intake.lookup.Lookups;
import dev.intake.lookup.UniquenessChecks;
import dev.intake.security.Caller;

/**
 * Creates and finds the accounts of the caller's organisation. Checks run before the write transaction, so a
 * refused request writes nothing.
 */
@ApplicationScoped
public class AccountService {

    @Inject
    Caller caller;

    @Inject
    Lookups lookups;

    @Inject
    UniquenessChecks uniqueness;

    public AccountView create(AccountInput input) {
        String organisation = caller.organisation();
        if (uniqueness.beforeWriting() && Account.count("organisation = ?1 and name = ?2", organisation, input.name()) > 0) {
            throw new ConflictException("input/name", "An account named '" + input.name() + "' already exists");
        }
        Long parent = input.parent() == null ? null : lookups.id(TrainingLookups.ACCOUNTS, "input/parent", input.parent());
        return insert(input, parent, organisation);
    }

    @Transactional
    AccountView insert(AccountInput input, Long parentId, String organisation) {
        Account account = new Account();
        account.organisation = organisation;
        account.name = input.name();
        account.website = input.website();
        account.parent = parentId == null ? null : Account.getEntityManager().getReference(Account.class, parentId);
        account.persist();
        return AccountView.of(account);
    }

    /**
     * Deletes an account of the caller's organisation; refused, saying what refers to it, while contacts or other
     * accounts do.
     */
    @Transactional
    public boolean delete(String globalId) {
        Account account = GlobalId.decode(AccountView.TYPE, globalId).map(this::own).orElseThrow(
                () -> new NotFoundException("id", "No account has the ID '" + globalId + "'"));
        long contacts = Contact.count("accountId", account.id);
        if (contacts > 0) {
            throw new ConflictException("id", "Account '" + account.name + "' has " + contacts + " contact"
                    + (contacts == 1 ? "" : "s") + " that refer to it");
        }
        long children = Account.count("parent.id", account.id);
        if (children > 0) {
            throw new ConflictException("id", "Account '" + account.name + "' is the parent of " + children
                    + " account" + (children == 1 ? "" : "s"));
        }
        account.delete();
        return true;
    }

    public List<AccountView> all() {
        return Account.<Account>list("organisation = ?1 order by name", caller.organisation()).stream()
                .map(AccountView::of).toList();
    }

    /**
     * The caller's accounts with these IDs; an ID of no account of theirs is left out. Those the transaction holds are
     * taken from it, the others read by one query over an array of IDs, with no flush first.
     */
    public List<AccountView> byIds(List<String> ids) {
        List<Long> keys = ids.stream().map(id -> GlobalId.decode(AccountView.TYPE, id))
                .flatMap(java.util.Optional::stream).distinct().toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        return Account.getEntityManager().unwrap(Session.class).findMultiple(Account.class, keys,
                SessionCheckMode.ENABLED).stream()
                .filter(account -> account != null && account.organisation.equals(caller.organisation()))
                .map(AccountView::of).toList();
    }

    public AccountView byId(String globalId) {
        return GlobalId.decode(AccountView.TYPE, globalId).map(this::own).map(AccountView::of).orElse(null);
    }

    /** An account by its internal key, for a record that refers to it. */
    AccountView byKey(long id) {
        return AccountView.of(Account.findById(id));
    }

    private Account own(long id) {
        return Account.<Account>find("id = ?1 and organisation = ?2", id, caller.organisation()).firstResult();
    }
}
