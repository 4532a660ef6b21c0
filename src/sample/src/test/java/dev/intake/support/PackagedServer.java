package dev.intake.support;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) run as a separate JVM, as an operator runs it.
 * Its output goes to a log file under {@code target/}.
 */
public final class PackagedServer implements AutoCloseable {

    /**
     * The sample application's module: where tests run, or, for the benchmark, which Maven runs from the repository's
     * root, the folder it names in {@code intake.sample.dir}.
     */
    public static final Path MODULE = Path.of(System.getProperty("intake.sample.dir", "."));
    private static final Path JAR = MODULE.resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The settings under which a packaged server trusts tokens signed with the dev key pair, as an operator
     * configures an identity provider's public key.
     */
    public static Map<String, String> trustDevKey() {
        try {
            String pem = Files.readString(MODULE.resolve(Path.of("src", "dev", "jwt", "publicKey.pem")));
            return Map.of("quarkus.oidc.public-key", pem.replaceAll("-----[A-Z ]+-----|\\s", ""),
                    "quarkus.oidc.token.issuer", "https://intake.dev/issuer",
                    "quarkus.oidc.token.audience", "intake");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server with these system properties and environment variables, and waits until it is healthy. */
    public static PackagedServer start(String name, Map<String, String> properties, Map<String, String> environment) {
        return start(name, List.of(), properties, environment);
    }

    /** The same, with JVM options such as {@code -Xmx256m}. */
    public static PackagedServer start(String name, List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        return launch(name, command, List.of("-jar", JAR.toString()), properties, environment);
    }

    /**
     * The server's native executable ({@code ./mvnw package -Dnative}), with options such as {@code -Xmx256m}; it
     * takes the system properties as {@code -D} options, as the JVM does.
     */
    public static PackagedServer startExecutable(String name, Path executable, List<String> options,
            Map<String, String> properties, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(options);
        return launch(name, command, List.of(), properties, environment);
    }

    private static PackagedServer launch(String name, List<String> command, List<String> after,
            Map<String, String> properties, Map<String, String> environment) {
        int port = freePort();
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(after);
        Path log = MODULE.resolve("target").resolve("packaged-server-" + name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        try {
            PackagedServer server = new PackagedServer(builder.start(), port, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build()).body();
    }

    /** The status of a GET, with a bearer token or none. */
    public int status(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build()).statusCode();
    }

    /** Posts GraphQL as an admin of organisation acme who may write accounts. */
    public String graphql(String json) {
        return graphql(token("ada", "acme", "import-admin", "accounts-writer"), json);
    }

    /** Posts GraphQL with a token. */
    public String graphql(String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()).body();
    }

    /** Downloads a path as text with a token. */
    public String get(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).GET()
                .build()).body();
    }

    /**
     * Uploads a file for a template, its body streamed from disk as multipart form data. The client offers an
     * HTTP/2 upgrade as the JDK's does by default, which the server must decline without buffering the body.
     */
    public HttpResponse<String> upload(String token, String template, Path file) {
        String boundary = "upload" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"template\"\r\n\r\n" + template
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n";
        try {
            return send(HttpRequest.newBuilder(URI.create(url("/imports")))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                            HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                    .timeout(Duration.ofMinutes(10)).build());
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads as {@link #upload} does and returns the new batch's id; fails unless the server accepted it. */
    public String uploadAccepted(String token, String template, Path file) {
        HttpResponse<String> response = upload(token, template, file);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 202 || !id.find()) {
            throw new AssertionError("Upload of " + file.getFileName() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return id.group(1);
    }

    /** A token signed with the dev key, which the tests start the server trusting. */
    public static String token(String user, String organisation, String... roles) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(MODULE.resolve(Path.of("src", "dev", "jwt", "privateKey.pem"))));
            return Jwt.issuer("https://intake.dev/issuer").audience("intake").upn(user).groups(Set.of(roles))
                    .claim("org", organisation).expiresIn(Duration.ofHours(1)).sign(key);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server with SIGKILL, as a crash or an out-of-memory killer would, and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server the way an orchestrator does, with SIGTERM, and waits for it to exit. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The server did not stop within 60 s; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                // A request that reaches the server while it starts can go unanswered: without its own timeout it
                // would wait for ever (a run hung here), with one it is asked again.
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health")))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or not answering yet (HttpTimeoutException)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(250);
        }
        throw new AssertionError("The server was not healthy within 120 s:\n" + log());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
