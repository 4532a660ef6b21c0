package dev.intake.remote;

import org.eclipse.microprofile.graphql.Enum;

/**
 * What Intake can promise for a template's rows when an answer is lost (a timeout after the request was written, a
 * reset connection, a crash). A template of this application's own schema is exactly once: a row runs in the
 * transaction that records its outcome. A remote template's guarantee comes from what its target's overlay declares.
 */
@Enum("IntakeDeliveryGuarantee")
public enum DeliveryGuarantee {

    /**
     * The row runs in the transaction that records its outcome, or the target honours an idempotency key for the
     * mutation and the row is sent again with the same key.
     */
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
