package dev.intake.sample.signin;

import java.util.Collection;

import dev.intake.error.UserFacingException;

/** A token was asked for with a role that nothing in the server checks, most likely a misspelt one. */
public class UnknownRoleException extends UserFacingException {

    public UnknownRoleException(Collection<String> unknown, Collection<String> known) {
        super("roles", (unknown.size() == 1 ? "The role " : "The roles ") + String.join(", ", unknown)
                + (unknown.size() == 1 ? " is" : " are") + " not known; known roles: " + String.join(", ", known));
    }
}
