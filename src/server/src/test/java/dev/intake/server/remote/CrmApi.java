package dev.intake.server.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CRM of the remote-target tests: a real Apollo Server from npm, run by Node.js from {@code src/test/node/crm}
 * (its packages locked by {@code package-lock.json}). Its packages are installed with {@code npm ci} when they are
 * missing. Without Node.js the tests fail, saying what to install; they never skip.
 */
final class CrmApi implements AutoCloseable {

    static final Path FOLDER = Path.of("src/test/node/crm").toAbsolutePath();

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private CrmApi(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static CrmApi start() {
        String node = executable("node");
        if (!Files.isDirectory(FOLDER.resolve("node_modules"))) {
            run(List.of(executable("npm"), "ci", "--no-audit", "--no-fund"), "npm ci");
        }
        try {
            Process process = new ProcessBuilder(node, "server.mjs").directory(FOLDER.toFile())
                    .redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = output.readLine()) != null) {
                if (line.startsWith("LISTENING ")) {
                    CrmApi api = new CrmApi(process, Integer.parseInt(line.substring("LISTENING ".length()).strip()));
                    Thread drain = new Thread(() -> output.lines().forEach(rest -> {
                    }), "crm-api-output");
                    drain.setDaemon(true);
                    drain.start();
                    return api;
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("The CRM's Apollo Server did not start:\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("The remote-target tests run a real GraphQL server (Apollo Server) with "
                + "Node.js 20 or later, and " + name + " is not on the PATH: install Node.js (with npm) and run the"
                + " tests again");
    }

    private static void run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed in " + FOLDER + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Posts to one of the process's control endpoints and answers its JSON. */
    String control(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url("/control/" + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    String read(String path) {
        return send(HttpRequest.newBuilder(URI.create(url("/control/" + path))).GET().build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
