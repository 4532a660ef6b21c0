package dev.intake.file.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decodes UTF-8 and tells real decoding errors apart from the character U+FFFD. A byte sequence that is not UTF-8
 * comes out as U+FFFD, like a replacing decoder, but the reader remembers which of the U+FFFD characters it gave
 * out stood for bad bytes: their ordinals among all U+FFFD characters read so far. A U+FFFD that the file really
 * holds (the bytes {@code EF BF BD}) is a character like any other.
 */
final class Utf8Reader extends Reader {

    static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final Deque<Long> badOrdinals = new ArrayDeque<>();
    private long replacementsRead;
    private boolean endOfInput;
    private boolean flushed;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    /**
     * Whether the U+FFFD with this ordinal (counted from 1 over everything read) stood for bytes that are not UTF-8.
     * Ask in increasing order: the answer for an ordinal is forgotten once it or a later one is asked.
     */
    boolean isDecodingError(long ordinal) {
        while (!badOrdinals.isEmpty() && badOrdinals.peekFirst() < ordinal) {
            badOrdinals.removeFirst();
        }
        return !badOrdinals.isEmpty() && badOrdinals.peekFirst() == ordinal;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            if (flushed) {
                return -1;
            }
            decodeInto(out, offset);
        }
        int read = out.position() - offset;
        for (int i = offset; i < offset + read; i++) {
            if (target[i] == REPLACEMENT) {
                replacementsRead++;
            }
        }
        return read;
    }

    private void decodeInto(CharBuffer out, int start) throws IOException {
        if (!bytes.hasRemaining() && !endOfInput) {
            fill();
        }
        CoderResult result = decoder.decode(bytes, out, endOfInput);
        if (result.isError()) {
            if (!out.hasRemaining()) {
                return;
            }
            bytes.position(bytes.position() + result.length());
            markBadReplacement(out, start);
            return;
        }
        if (result.isUnderflow() && !endOfInput) {
            fill();
            return;
        }
        if (endOfInput && result.isUnderflow() && !flushed) {
            decoder.flush(out);
            flushed = !bytes.hasRemaining();
        }
    }

    /** Puts U+FFFD for the bad bytes and remembers its ordinal, counting the U+FFFD already in the output. */
    private void markBadReplacement(CharBuffer out, int start) {
        long before = replacementsRead;
        for (int i = start; i < out.position(); i++) {
            if (out.get(i) == REPLACEMENT) {
                before++;
            }
        }
        out.put(REPLACEMENT);
        badOrdinals.addLast(before + 1);
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
