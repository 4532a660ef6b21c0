package dev.intake.batch;

import static dev.intake.support.Batches.aBatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The uploaded file in parts of a megabyte, on a real PostgreSQL: written from a stream, read back byte for byte. */
class FileStoreTest {

    private static final StoreDatabase database = StoreDatabase.shared();

    @BeforeEach
    void empty() {
        database.empty();
    }

    @Test
    void a_file_of_several_parts_reads_back_as_it_was_written() throws IOException {
        UUID batch = batch();
        byte[] file = new byte[FileStore.PART_SIZE * 2 + 12_345];
        new Random(42).nextBytes(file);

        assertEquals(file.length, database.files.write(batch, new ByteArrayInputStream(file)));

        assertEquals(3, database.count("select count(*) from intake.import_file_part where batch_id = ?", batch));
        try (InputStream in = database.files.open(batch)) {
            assertArrayEquals(file, in.readAllBytes());
        }
        try (InputStream in = database.files.open(batch)) {
            assertEquals(file[0] & 0xFF, in.read(), "one byte at a time too");
            byte[] rest = in.readAllBytes();
            assertEquals(file.length - 1, rest.length);
        }
    }

    @Test
    void an_empty_file_has_no_part_and_reads_back_empty() throws IOException {
        UUID batch = batch();
        assertEquals(0, database.files.write(batch, new ByteArrayInputStream(new byte[0])));
        try (InputStream in = database.files.open(batch)) {
            assertEquals(-1, in.read());
        }
    }

    private static UUID batch() {
        ImportBatch batch = aBatch().build();
        database.batches.insert(batch);
        return batch.id();
    }
}
