package dev.intake.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileSnifferTest {

    @Test
    void csv_text_passes() {
        assertEquals(Optional.empty(), sniff("name,website\r\nAcme,\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), sniff("\uFEFFname\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pdfs_compressed_files_utf16_and_binary_data_are_named() {
        assertTrue(sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)).orElseThrow().contains("PDF"));
        assertTrue(sniff(new byte[] { 0x1F, (byte) 0x8B, 8 }).orElseThrow().contains("gzip"));
        assertTrue(sniff("\uFEFFname".getBytes(StandardCharsets.UTF_16LE)).orElseThrow().contains("UTF-16"));
        assertEquals("The file holds binary data (a NUL byte at offset 3), not CSV or NDJSON text",
                sniff(new byte[] { 'a', 'b', 'c', 0 }).orElseThrow());
    }

    private static Optional<String> sniff(byte[] bytes) {
        return FileSniffer.problem(bytes, bytes.length);
    }
}
