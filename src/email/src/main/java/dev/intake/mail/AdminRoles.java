package dev.intake.mail;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;

/**
 * Keeps the roles each user's token showed last, per organisation, so that a rule saved by an admin who has since lost
 * the import role refuses mail. A mail has no token of its own: this is the only place Intake learns that an admin's
 * roles changed. Each instance writes a user's roles only when they differ from what it wrote last.
 */
@ApplicationScoped
public class AdminRoles {

    private static final Logger LOG = Logger.getLogger(AdminRoles.class);

    /** How many users an instance remembers before it starts over; a user forgotten is written once more. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, Set<String>> written = new ConcurrentHashMap<>();

    @Inject
    MailStore store;

    @Inject
    EmailConfig config;

    @Inject
    Clock clock;

    /** Asynchronous, off the I/O thread that authenticated the request: a request never waits for this write. */
    void authenticated(@ObservesAsync AuthenticationSuccessEvent event) {
        SecurityIdentity identity = event.getSecurityIdentity();
        if (!config.enabled() || identity == null || identity.isAnonymous()
                || !(identity.getAttribute(Caller.ORGANISATION) instanceof String organisation)
                || organisation.isBlank()) {
            return;
        }
        String user = identity.getPrincipal().getName();
        Set<String> roles = Set.copyOf(identity.getRoles());
        String key = organisation + "\n" + user;
        if (roles.equals(written.get(key))) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> store.sawRoles(organisation, user, roles, clock.instant()));
            if (written.size() >= REMEMBERED) {
                written.clear();
            }
            written.put(key, roles);
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the roles of %s in %s: %s", user, organisation, e.getMessage());
        }
    }
}
