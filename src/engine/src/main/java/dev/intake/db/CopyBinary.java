package dev.intake.db;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Writes rows in PostgreSQL's binary COPY format: each value is its length and its bytes, so PostgreSQL neither
 * unescapes text nor parses array literals. For the {@code text[]} cells of {@code import_row} that takes about a
 * third off the server's time for a COPY; for outcomes about a tenth.
 */
public final class CopyBinary {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };
    private static final int TEXT_OID = 25;
    private static final int NULL_LENGTH = -1;

    private final DataOutputStream out;

    public CopyBinary(DataOutputStream out) {
        this.out = out;
    }

    /** The file header: the signature, no flags, no header extension. */
    public void header() throws IOException {
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
    }

    /** Starts a row of this many fields. */
    public void row(int fields) throws IOException {
        out.writeShort(fields);
    }

    public void uuid(UUID value) throws IOException {
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    public void int4(int value) throws IOException {
        out.writeInt(4);
        out.writeInt(value);
    }

    public void bool(boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
    }

    /** A {@code text} value, or SQL null. */
    public void text(String value) throws IOException {
        if (value == null) {
            out.writeInt(NULL_LENGTH);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * A one-dimensional {@code text[]} without nulls: dimensions, flags, element type, then each element's length
     * and bytes. An empty list is the empty array, which has no dimensions.
     */
    public void textArray(List<String> values) throws IOException {
        byte[][] elements = new byte[values.size()][];
        int length = values.isEmpty() ? 12 : 20;
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        out.writeInt(length);
        out.writeInt(values.isEmpty() ? 0 : 1);
        out.writeInt(0);
        out.writeInt(TEXT_OID);
        if (!values.isEmpty()) {
            out.writeInt(elements.length);
            out.writeInt(1);
        }
        for (byte[] element : elements) {
            out.writeInt(element.length);
            out.write(element);
        }
    }

    /** The end of the data; flushes what is buffered. */
    public void trailer() throws IOException {
        out.writeShort(-1);
        out.flush();
    }

    /** What went wrong writing a COPY, with PostgreSQL's own message when it was PostgreSQL that refused. */
    public static RuntimeException failure(IOException e) {
        return e.getCause() instanceof SQLException sql ? new StoreException(sql) : new UncheckedIOException(e);
    }
}
