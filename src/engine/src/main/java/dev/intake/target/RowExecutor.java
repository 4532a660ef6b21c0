package dev.intake.target;

import dev.intake.security.Uploader;

/** Runs templates' mutations for rows, as their uploader. */
public interface RowExecutor {

    /** A session in which rows run as the uploader; close it when the rows are done. */
    RowSession open(Uploader uploader);
}
