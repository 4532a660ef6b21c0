package dev.intake.support;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Real signed bearer tokens for tests, made with the dev key pair that the test profile trusts. */
public final class Tokens {

    public static final String ISSUER = "https://intake.dev/issuer";
    public static final String AUDIENCE = "intake";
    public static final String ORGANISATION = "acme";

    /** An admin of organisation acme who may also write the sample domain. */
    public static final String ADMIN = of("alice", ORGANISATION, "import-admin", "accounts-writer", "contacts-writer");

    private Tokens() {
    }

    public static String of(String user, String organisation, String... roles) {
        return lasting(Duration.ofHours(1), user, organisation, roles);
    }

    /** A token that expires after the given time. */
    public static String lasting(Duration life, String user, String organisation, String... roles) {
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(Set.of(roles)).expiresIn(life);
        if (organisation != null) {
            builder.claim("org", organisation);
        }
        return builder.sign();
    }
}
