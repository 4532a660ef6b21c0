package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

import dev.intake.error.ConflictException;
import dev.intake.error.LookupFailedException;

/** Creates and finds accounts. Checks run before the write transaction, so a refused request writes nothing. */
@ApplicationScoped
public class AccountService {

    public AccountView create(AccountInput input) {
        if (Account.count("name", input.name()) > 0) {
            throw new ConflictException("input/name", "An account named '" + input.name() + "' already exists");
        }
        return AccountView.of(insert(input));
    }

    @Transactional
    Account insert(AccountInput input) {
        Account account = new Account();
        account.name = input.name();
        account.website = input.website();
        account.persist();
        return account;
    }

    /** The account with exactly this name; fails as a lookup when there is none. */
    Account byName(String field, String name) {
        Account account = Account.findByName(name);
        if (account == null) {
            throw new LookupFailedException(field, "No account is named '" + name + "'");
        }
        return account;
    }

    public List<AccountView> all() {
        return Account.<Account>listAll(Sort.by("name")).stream().map(AccountView::of).toList();
    }

    public AccountView byId(long id) {
        Account account = Account.findById(id);
        return account == null ? null : AccountView.of(account);
    }
}
