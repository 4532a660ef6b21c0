package dev.intake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.intake.support.PackagedServer;

/**
 * A 1 GB upload: refused before its body is read when it is over the limit, and otherwise streamed to the
 * database by a server with a 128 MiB heap, whose single enormous line then fails the file without exhausting
 * memory.
 */
class LargeUploadIT {

    private static final long ONE_GIB = 1024L * 1024 * 1024;
    private static final Map<String, String> TRUST_DEV_KEY = PackagedServer.trustDevKey();

    @Test
    void an_upload_over_the_limit_is_refused_before_its_body_is_sent(@TempDir Path data) throws Exception {
        try (PackagedServer server = PackagedServer.start("large-refused", with("intake.embedded-postgres.data-dir",
                data.toString()), Map.of())) {
            String token = PackagedServer.token("lou", "large", "import-admin", "contacts-writer");
            URI url = URI.create(server.url("/imports"));
            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (ONE_GIB + 1)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 413", status, "answered before a byte of the body was sent");
            }
            assertTrue(server.get("/q/health").contains("\"UP\""));
        }
    }

    @Test
    void an_upload_of_a_gigabyte_streams_through_a_small_heap(@TempDir Path data) throws Exception {
        Path file = data.resolve("gigabyte.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("account,emailAddress,firstName,lastName,status\r\n");
            char[] block = "x".repeat(1 << 20).toCharArray();
            for (int i = 0; i < 1024; i++) {
                out.write(block);
            }
            out.write("\r\n");
        }
        Map<String, String> properties = with("intake.embedded-postgres.data-dir", data.resolve("db").toString());
        properties.put("intake.limits.max-file-size", "2G");
        properties.put("quarkus.http.limits.max-body-size", "2G");
        try (PackagedServer server = PackagedServer.start("large-streamed", List.of("-Xmx128m"), properties, Map.of())) {
            String token = PackagedServer.token("lou", "large", "import-admin", "contacts-writer");
            HttpResponse<String> response = server.upload(token, "createContact", file);
            assertEquals(202, response.statusCode(), response.body());
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
            assertTrue(id.find());
            Matcher size = Pattern.compile("\"fileSize\":(\\d+)").matcher(response.body());
            assertTrue(size.find());
            assertEquals(Files.size(file), Long.parseLong(size.group(1)));

            String message = awaitMessage(server, token, id.group(1));
            assertTrue(message.startsWith("Line 2 of the file is longer than 1000000 characters"), message);
            assertTrue(server.get("/q/health").contains("\"UP\""));
            assertTrue(!server.log().contains("OutOfMemoryError"));
        }
    }

    private static String awaitMessage(PackagedServer server, String token, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        Pattern message = Pattern.compile("\"status\":\"VALIDATION_FAILED\".*\"message\":\"([^\"]+)\"");
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> batch = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url("/imports/" + id))).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher found = message.matcher(batch.body());
            if (found.find()) {
                return found.group(1);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The batch did not fail validation in time:\n" + server.log());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> properties = new java.util.HashMap<>(TRUST_DEV_KEY);
        properties.put(key, value);
        return properties;
    }
}
