package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.intake.error.ConflictException;
import dev.intake.error.LookupFailedException;
import dev.intake.id.GlobalId;
import dev.intake.security.Caller;

/**
 * Creates and finds the accounts of the caller's organisation. Checks run before the write transaction, so a
 * refused request writes nothing.
 */
@ApplicationScoped
public class AccountService {

    @Inject
    Caller caller;

    public AccountView create(AccountInput input) {
        String organisation = caller.organisation();
        if (Account.count("organisation = ?1 and name = ?2", organisation, input.name()) > 0) {
            throw new ConflictException("input/name", "An account named '" + input.name() + "' already exists");
        }
        return insert(input, organisation);
    }

    @Transactional
    AccountView insert(AccountInput input, String organisation) {
        Account account = new Account();
        account.organisation = organisation;
        account.name = input.name();
        account.website = input.website();
        account.persist();
        return AccountView.of(account);
    }

    /**
     * The caller's account with exactly this name or, failing that, with this account ID; fails as a lookup
     * when there is none. Another organisation's account never matches, by name or by ID.
     */
    Account byNameOrId(String field, String nameOrId) {
        Account account = Account.findByName(caller.organisation(), nameOrId);
        if (account == null) {
            account = GlobalId.decode(AccountView.TYPE, nameOrId).map(this::own).orElse(null);
        }
        if (account == null) {
            throw new LookupFailedException(field, "No account is named '" + nameOrId + "' or has that ID");
        }
        return account;
    }

    public List<AccountView> all() {
        return Account.<Account>list("organisation = ?1 order by name", caller.organisation()).stream()
                .map(AccountView::of).toList();
    }

    public AccountView byId(String globalId) {
        return GlobalId.decode(AccountView.TYPE, globalId).map(this::own).map(AccountView::of).orElse(null);
    }

    private Account own(long id) {
        return Account.<Account>find("id = ?1 and organisation = ?2", id, caller.organisation()).firstResult();
    }
}
