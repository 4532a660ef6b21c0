package dev.intake.graphql;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.intake.config.IntakeConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.graphql.api.ErrorExtensionProvider;

/**
 * Logs the exceptions behind GraphQL errors that are bugs rather than answers. SmallRye GraphQL calls every
 * error extension provider for each failed field of an API response, so this is where an unexpected exception
 * is seen once; its key is not among the published extension fields, so nothing is added to the response.
 * It is for an application that turns SmallRye's own logging of every data-fetching error off
 * ({@code quarkus.smallrye-graphql.print-data-fetcher-exception=false}), as a bulk import produces thousands of
 * expected ones. It sees the application's errors too, so it logs only when the application turns it on with
 * {@code intake.graphql.log-unexpected-errors=true}.
 */
public class UnexpectedErrorLog implements ErrorExtensionProvider {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorLog.class);

    /** Read once: SmallRye calls this for every failed field. */
    private final boolean enabled = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
            .getConfigMapping(IntakeConfig.class).graphql().logUnexpectedErrors();

    @Override
    public String getKey() {
        return "intake-unexpected";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (enabled && !UserFacingErrors.answers(exception)) {
            LOG.error("A GraphQL request failed inside the server", exception);
        }
        return JsonValue.NULL;
    }
}
