package dev.intake.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Uploaded files, stored in PostgreSQL in parts so that no step holds a whole file in memory. */
@ApplicationScoped
public class FileStore {

    static final int PART_SIZE = 1024 * 1024;

    @Inject
    Jdbc jdbc;

    /** Copies a stream into the parts of a batch's file; returns the number of bytes written. */
    public long write(UUID batchId, InputStream in) {
        long total = 0;
        try {
            for (int part = 0;; part++) {
                byte[] bytes = in.readNBytes(PART_SIZE);
                if (bytes.length == 0) {
                    return total;
                }
                jdbc.update("insert into intake.import_file_part (batch_id, part, bytes) values (?, ?, ?)", batchId, part, bytes);
                total += bytes.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a batch's file back, one part at a time. */
    public InputStream open(UUID batchId) {
        return new PartsInputStream(batchId);
    }

    private final class PartsInputStream extends InputStream {
        private final UUID batchId;
        private int nextPart;
        private byte[] current = new byte[0];
        private int position;
        private boolean finished;

        PartsInputStream(UUID batchId) {
            this.batchId = batchId;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (finished || !loadNextPart()) {
                    return -1;
                }
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }

        private boolean loadNextPart() {
            current = jdbc.first("select bytes from intake.import_file_part where batch_id = ? and part = ?",
                    row -> row.getBytes("bytes"), batchId, nextPart).orElse(null);
            if (current == null) {
                finished = true;
                current = new byte[0];
                return false;
            }
            nextPart++;
            position = 0;
            return true;
        }
    }
}
