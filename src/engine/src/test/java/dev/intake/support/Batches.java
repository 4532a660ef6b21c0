package dev.intake.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.intake.batch.BatchSource;
import dev.intake.batch.ImportBatch;
import dev.intake.file.FileFormat;
import dev.intake.file.ReadOptions;
import dev.intake.security.Uploader;

/** Test-data builder for new batches: {@code aBatch().withTemplate("createContact").dryRun().build()}. */
public final class Batches {

    private UUID id = UUID.randomUUID();
    private String template = "createAccount";
    private String filename = "accounts.csv";
    private String sha256 = UUID.randomUUID().toString().replace("-", "");
    private Uploader uploader = new Uploader("ada", List.of("import-admin", "accounts-writer"), "acme");
    private boolean dryRun;
    private Instant createdAt = Instant.parse("2026-01-05T09:00:00Z");

    private Batches() {
    }

    public static Batches aBatch() {
        return new Batches();
    }

    public Batches withId(UUID value) {
        this.id = value;
        return this;
    }

    public Batches withTemplate(String value) {
        this.template = value;
        return this;
    }

    public Batches withFilename(String value) {
        this.filename = value;
        return this;
    }

    /** The content's hash: two batches with the same template and hash are the same file. */
    public Batches withContentHash(String value) {
        this.sha256 = value;
        return this;
    }

    public Batches uploadedBy(String user, String organisation, String... roles) {
        this.uploader = new Uploader(user, List.of(roles), organisation);
        return this;
    }

    public Batches dryRun() {
        this.dryRun = true;
        return this;
    }

    public Batches createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    /** A PENDING batch as an upload makes it. */
    public ImportBatch build() {
        return ImportBatch.pending(id, new ImportBatch.ReceivedFile(template, filename, 100, sha256, FileFormat.CSV,
                ReadOptions.CSV),
                BatchSource.UPLOAD, null, uploader, "127.0.0.1", dryRun, createdAt);
    }
}
