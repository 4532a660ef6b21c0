package dev.intake.file.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** The guard counts characters since the last line end, and names the line that passes the limit. */
class LineLengthGuardTest {

    @Test
    void lines_at_the_limit_pass_whole() throws IOException {
        assertEquals("abcd\nefgh\n", readAll(new LineLengthGuard(new StringReader("abcd\nefgh\n"), 4)));
    }

    @Test
    void the_first_line_over_the_limit_stops_the_read_and_is_named() {
        LineLengthGuard.LineTooLongException e = assertThrows(LineLengthGuard.LineTooLongException.class,
                () -> readAll(new LineLengthGuard(new StringReader("ab\r\ncd\r\nabcdef\r\n"), 4)));
        assertEquals(3, e.line());
        assertEquals("line 3 is longer than 4 characters", e.getMessage());
    }

    @Test
    void single_character_reads_are_counted_too() {
        Reader guard = new LineLengthGuard(new StringReader("abc"), 2);
        assertThrows(LineLengthGuard.LineTooLongException.class, () -> {
            while (guard.read() >= 0) {
                // read on
            }
        });
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[3];
        for (int read = reader.read(buffer, 0, 3); read >= 0; read = reader.read(buffer, 0, 3)) {
            text.append(buffer, 0, read);
        }
        return text.toString();
    }
}
