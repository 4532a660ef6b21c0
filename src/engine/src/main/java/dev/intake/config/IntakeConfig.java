package dev.intake.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Intake's own settings, under {@code intake.}. */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    Worker worker();

    Security security();

    Subscriptions subscriptions();

    Webhooks webhooks();

    Rollback rollback();

    Limits limits();

    EarlyStop earlyStop();

    Retention retention();

    Mapping mapping();

    Graphql graphql();

    Templates templates();

    /**
     * Which of the schema's mutations become templates: all that take an input object, unless the application names
     * the ones to include, or to leave out. A name that is no mutation of the schema is reported at start.
     */
    interface Templates {

        /** Only these mutations become templates; every importable one when not set. */
        java.util.Optional<java.util.List<String>> include();

        /** These mutations never become templates. */
        java.util.Optional<java.util.List<String>> exclude();
    }

    Http http();

    Validation validation();

    /**
     * GraphQL APIs over HTTP that rows can be imported into, by name: {@code intake.targets.crm.url}. Users never
     * give a URL; only these can be reached.
     */
    java.util.Map<String, Target> targets();

    /** One GraphQL API over HTTP, its templates named {@code <target>.<mutation>}. */
    interface Target {

        /** The GraphQL endpoint, such as {@code https://crm.example.com/graphql}. */
        java.net.URI url();

        /** An SDL file to read the schema from instead of introspection, for an API that turns introspection off. */
        java.util.Optional<java.nio.file.Path> schemaFile();

        /**
         * Static headers sent with every request, such as an API key: {@code headers."X-Api-Key"}. Values are never
         * logged or shown; take them from the environment with {@code ${CRM_API_KEY}}.
         */
        java.util.Map<String, String> headers();

        /**
         * The Quarkus OIDC client ({@code quarkus.oidc-client.<id>.*}) whose access token is sent as
         * {@code Authorization: Bearer}, for a target that takes OAuth2 tokens: usually the client-credentials grant.
         * The token is kept until it nears its expiry, and fetched again when the target refuses it.
         */
        java.util.Optional<String> oidcClient();

        /** The overlay: what introspection cannot say (lookups, aliases, importable mutations, ID paths), in YAML. */
        java.util.Optional<java.nio.file.Path> overlay();

        /** Requests in flight to the target from one instance. */
        @WithDefault("4")
        int maxConcurrency();

        /**
         * The rows one request carries, each an aliased mutation field ({@code r0: createPerson(...)}): 1, the
         * default, sends each row alone; at most 100. Opt in only after reading what a failing row does to the others
         * of its request on this target ({@link #atomicRequests()}).
         */
        @WithDefault("1")
        @jakarta.validation.constraints.Min(1)
        @jakarta.validation.constraints.Max(100)
        int rowsPerRequest();

        /**
         * Whether the target runs a request's mutation fields in one transaction, writing all or none (Hasura does;
         * Apollo Server and most resolvers do not). Then the rows of a request with an error, other than the rows the
         * error names, are sent again; otherwise a row whose answer another row's error wiped is OUTCOME_UNKNOWN.
         */
        @WithDefault("false")
        boolean atomicRequests();

        /**
         * How long after a row's answer was lost Intake waits before it looks the row's record up by its natural key
         * (a mutation's {@code find} in the overlay), so that a request still in the target's hands can commit first.
         */
        @WithDefault("10s")
        Duration settleTime();

        /** How long a request may take, from connecting to the last byte of the answer. */
        @WithDefault("30s")
        Duration timeout();

        /** How long connecting may take. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** The role an uploader needs to import with this target's templates. */
        @WithDefault("import-admin")
        String importRole();

        /** The header that tells the target who uploaded the file (the user's name). */
        @WithDefault("X-Intake-User")
        String userHeader();

        /** The header that tells the target the uploader's organisation. */
        @WithDefault("X-Intake-Organisation")
        String organisationHeader();

        /**
         * Error codes of the target's answers ({@code extensions.code}, or a user error's {@code code}) and the row
         * error type each means, such as {@code error-codes.E_DUPLICATE=CONFLICT}; added to the common codes.
         */
        java.util.Map<String, String> errorCodes();

        /**
         * How long the target may stay unreachable (no connection, or errors before it runs a request) before its
         * batches pause until a probe of it succeeds.
         */
        @WithDefault("60s")
        Duration unreachablePause();
    }

    /**
     * What Intake changes of the application's GraphQL engine, each for all of the application's schema and so off
     * until the application turns it on. The sample application and the server turn every one on; the embedding guide
     * says what each buys.
     */
    interface Graphql {

        /**
         * What Intake's GraphQL type names start with: nothing by default, so that clients see {@code ImportBatch};
         * an application with a type of one of those names gives a prefix, such as {@code Intake}. Read when the schema
         * is built, so a build-time setting for a native image.
         */
        java.util.Optional<String> typePrefix();

        /** Give the schema graphql-java's plain field visibility when none is configured (faster field lookups). */
        @WithDefault("false")
        boolean plainFieldVisibility();

        /** Bind every input class through a compact JSON-B wrapper (faster binding of every row's input). */
        @WithDefault("false")
        boolean compactInputBinding();

        /** Describe BigInteger, BigDecimal, DateTime and Intake's scalars, with {@code @specifiedBy} where one exists. */
        @WithDefault("false")
        boolean scalarDescriptions();

        /** Give the errors of refused {@code @RolesAllowed} fields a message (Intake's own fields always have one). */
        @WithDefault("false")
        boolean securityErrorMessages();

        /** Log the exceptions behind GraphQL errors that are bugs, for an application that turns SmallRye's off. */
        @WithDefault("false")
        boolean logUnexpectedErrors();
    }

    /** What Intake changes of the application's HTTP server, off until the application turns it on. */
    interface Http {

        /**
         * Refuse HTTP/2 over plain connections (h2c), whose upgrade holds a whole request body in memory; a build-time
         * setting ({@code dev.intake.api.NoCleartextHttp2}).
         */
        @WithDefault("false")
        boolean refuseCleartextHttp2();
    }

    /** What Intake changes of the application's Bean Validation, off until the application turns it on. */
    interface Validation {

        /**
         * Let validation reach every property without asking Hibernate ORM whether it is loaded; a build-time setting
         * ({@code dev.intake.config.TraverseAllProperties}).
         */
        @WithDefault("false")
        boolean traverseAllProperties();
    }

    /** The mapping step, for files whose headers are not the template's. */
    interface Mapping {

        /**
         * The confidence (0 to 1) at or above which every column's proposal must be for the batch to go on
         * without a person; below it, the batch waits in MAPPING.
         */
        @WithDefault("0.9")
        double autoAccept();

        /** How many data rows the matcher reads for each column's samples. */
        @WithDefault("100")
        int sampleRows();
    }

    /** Stopping a batch whose first rows nearly all fail: the file is likely wrong, and the rest would fail too. */
    interface EarlyStop {

        /** How many rows must be done before the check. */
        @WithDefault("1000")
        int firstRows();

        /** The share of those rows, in percent, whose failure stops the batch. */
        @WithDefault("95")
        int failurePercent();
    }

    /** How long a finished batch keeps its files and rows. */
    interface Retention {

        /** Days after a batch ends until its original file, staged rows and results are deleted. */
        @WithDefault("30")
        int days();

        /** How often the server looks for batches to purge. */
        @WithDefault("1h")
        Duration checkEvery();
    }

    /** What Intake accepts in one file; a file over a limit gets an error that names it. */
    interface Limits {

        /** The largest upload. */
        @WithDefault("512M")
        MemorySize maxFileSize();

        /** The most data rows in one file. */
        @WithDefault("2000000")
        int maxRows();

        /** The most columns in one file. */
        @WithDefault("1000")
        int maxColumns();

        /** The longest line, in characters; a longer one fails the file before it is read into memory. */
        @WithDefault("1000000")
        int maxLineLength();

        /** The longest cell, in characters (Excel's own limit is 32,767). */
        @WithDefault("32767")
        int maxCellLength();

        /** The most bytes one part of an Excel workbook (a zip entry) may expand to. */
        @WithDefault("1G")
        MemorySize maxUnzippedSize();

        /**
         * The most a workbook part over a megabyte may expand, uncompressed over compressed size; real sheets
         * compress 5 to 30 times, zip bombs thousands of times.
         */
        @WithDefault("100")
        int maxCompressionRatio();
    }

    /** How callers are identified. Token verification itself is configured with the quarkus.oidc.* settings. */
    interface Security {

        /** The token claim that names the caller's organisation. */
        @WithDefault("org")
        String organisationClaim();

        /**
         * Whether a request to {@code /graphql} refused for its token (invalid or expired) is answered with a GraphQL
         * error whose {@code code} is {@code unauthorized}, as Intake's API answers; off leaves the application's
         * GraphQL endpoint answering as it would without Intake.
         */
        @WithDefault("false")
        boolean graphqlAuthErrors();
    }

    /** Webhooks: deliveries of batches' changes to the organisations' URLs, at least once, signed. */
    interface Webhooks {

        /** Whether the scheduler sends due deliveries; tests turn it off and send them themselves. */
        @WithDefault("true")
        boolean scheduled();

        /**
         * Hosts that webhooks may call although they are on a loopback, private or link-local address; none by
         * default, so that an admin cannot make the server call into its own network.
         */
        java.util.Optional<java.util.Set<String>> allowedPrivateHosts();

        /** Attempts at a delivery before it is FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait before the second attempt; each later wait doubles, up to {@link #longestRetry()}. */
        @WithDefault("10s")
        Duration firstRetry();

        @WithDefault("1h")
        Duration longestRetry();

        /** How long an attempt may take, connecting included. */
        @WithDefault("10s")
        Duration timeout();

        /** The server's public address, such as https://intake.example.com, for absolute links in deliveries. */
        java.util.Optional<String> baseUrl();
    }

    /** Rolling imports back. */
    interface Rollback {

        /**
         * Whether imports keep what a rollback needs beyond the rows' outcomes: the record of each row as it was read
         * after the row (and before, for an update), where the template's mutation declares a read query.
         */
        @WithDefault("true")
        boolean keepImages();
    }

    /** GraphQL subscriptions to batches' changes: bounded, so that followers cannot exhaust the server. */
    interface Subscriptions {

        /** How often at most a batch's progress is pushed; a status change is pushed at once. */
        @WithDefault("500ms")
        Duration progressInterval();

        /** Subscriptions one WebSocket connection may hold. */
        @WithDefault("20")
        int maxPerConnection();

        /** Subscriptions this instance holds in all. */
        @WithDefault("2000")
        int maxTotal();
    }

    /** The background worker that validates files and runs their rows. */
    interface Worker {

        /** Whether the scheduler polls for work; tests turn it off and drive the worker themselves. */
        @WithDefault("true")
        boolean scheduled();

        /** How often the scheduler looks for work when it has none. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How many workers run in this instance, each on its own thread and its own chunk. */
        @WithDefault("2")
        int threads();

        /**
         * A pause before a batch's final update, only for fault-injection tests that kill the server while it
         * finishes a batch; zero otherwise.
         */
        @WithDefault("0s")
        Duration finishDelay();

        /** Rows per chunk: the unit of work that one worker claims and runs in one transaction. */
        @WithDefault("500")
        int chunkSize();

        /**
         * Rows run in one GraphQL operation, each as its own aliased mutation field, to share the operation's fixed
         * costs; 1 runs every row in an operation of its own.
         */
        @WithDefault("50")
        int rowsPerOperation();

        /** How long a claimed chunk or validation stays with its worker before another may take it over. */
        @WithDefault("60s")
        Duration lease();

        /** How often the targets of batches paused until resumed are probed, to resume them when they accept again. */
        @WithDefault("30s")
        Duration targetProbeInterval();
    }
}
