package dev.intake.batch;

import java.util.List;

import dev.intake.file.FileLayout;

/**
 * What every chunk of a batch runs with, read once per chunk without the batch's counts (summing those costs a
 * scan of the batch's chunks).
 *
 * @param template the mutation the rows run
 * @param createdBy the uploader, as whom the rows run
 * @param createdByRoles the uploader's roles at upload time
 * @param organisation the uploader's organisation
 * @param dryRun whether the rows only check, committing nothing
 * @param layout how the file's columns map to the template
 */
public record RunSettings(String template, String createdBy, List<String> createdByRoles, String organisation,
        boolean dryRun, FileLayout layout) {

    public RunSettings {
        createdByRoles = List.copyOf(createdByRoles);
    }
}
