package dev.intake.progress;

import dev.intake.error.UserFacingException;

/** A subscription refused or ended by a limit, or by its token's end: the message says which, and what to do. */
public class SubscriptionRefusedException extends UserFacingException {

    public SubscriptionRefusedException(String message) {
        super(null, message);
    }
}
