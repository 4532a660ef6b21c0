package dev.intake.remote;

/**
 * What Intake can promise for a remote template's rows when an answer is lost (a timeout after the request was
 * written, a reset connection, a crash), from what the target's overlay declares.
 */
public enum DeliveryGuarantee {

    /** The target honours an idempotency key for the mutation: the row is sent again with the same key. */
    EXACTLY_ONCE,

    /**
     * The overlay says how to find the record a row made by a natural key: after the settle time the row is looked up,
     * and sent again only when nothing is found. A request that commits after the settle time can still make a
     * duplicate, so this is at least once, with deduplication.
     */
    AT_LEAST_ONCE_DEDUPLICATED,

    /** Neither: the row is OUTCOME_UNKNOWN, listed for a person to check, and never sent again by itself. */
    AT_MOST_ONCE
}
