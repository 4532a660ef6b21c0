package dev.intake.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Turns off HTTP/2 over plain TCP (h2c), server-wide, when the application asks for it with
 * {@code intake.http.refuse-cleartext-http2=true} (a build-time setting). A client that asks to upgrade a plain
 * connection to HTTP/2 in a POST (the JDK's HttpClient does by default) has its whole request body held in the heap
 * until the upgrade is done, so one large upload could exhaust the server's memory. Plain connections then speak
 * HTTP/1.1, whose bodies stream to disk; HTTP/2 over TLS is unaffected.
 */
@ApplicationScoped
@IfBuildProperty(name = "intake.http.refuse-cleartext-http2", stringValue = "true")
public class NoCleartextHttp2 implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
