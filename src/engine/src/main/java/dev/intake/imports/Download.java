package dev.intake.imports;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file to send to the caller: its name, media type, length when known ({@code -1} otherwise), and how to write it.
 */
public record Download(String filename, String mediaType, long length, Body body) {

    /** Writes the file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
