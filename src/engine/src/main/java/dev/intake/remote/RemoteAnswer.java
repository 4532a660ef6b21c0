package dev.intake.remote;

import java.time.Instant;

import dev.intake.target.RowFailure;

/** What became of one row's request to a remote target, and so what the engine does next with the row. */
public sealed interface RemoteAnswer {

    /** The target wrote the record: its ID, at the path the template declares. */
    record Written(String entityId) implements RemoteAnswer {
    }

    /** The target answered and did not write the row: its errors, or an answer with no ID. */
    record Failed(RowFailure failure) implements RemoteAnswer {
    }

    /** The target throttled the request without running it: send it again after {@code until}. */
    record Throttled(Instant until, String reason) implements RemoteAnswer {
    }

    /** The target refused the credentials (401 or 403) without running the request: pause until it accepts them. */
    record Refused(String reason) implements RemoteAnswer {
    }

    /**
     * The row was not written because another row of its request failed (a target that runs a request's rows in one
     * transaction, or stopped at a request error about another row's variables): send it again, with no wait.
     */
    record Again(String reason) implements RemoteAnswer {
    }

    /** The request certainly did not run (no connection, or an error before execution): it may be sent again. */
    record NotSent(String reason) implements RemoteAnswer {
    }

    /** The request may have run, and the answer was lost: the row's outcome is unknown, and it is not sent again. */
    record Unknown(String reason) implements RemoteAnswer {
    }
}
