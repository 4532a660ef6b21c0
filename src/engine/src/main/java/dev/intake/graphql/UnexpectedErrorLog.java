package dev.intake.graphql;

import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolationException;

import org.jboss.logging.Logger;

import dev.intake.error.UserFacingException;
import io.smallrye.graphql.api.ErrorExtensionProvider;

/**
 * Logs the exceptions behind GraphQL errors that are bugs rather than answers. SmallRye GraphQL calls every
 * error extension provider for each failed field of an API response, so this is where an unexpected exception
 * is seen once; its key is not among the published extension fields, so nothing is added to the response.
 * (SmallRye's own logging of every data-fetching error is off, as a bulk import produces thousands of expected
 * ones.)
 */
public class UnexpectedErrorLog implements ErrorExtensionProvider {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorLog.class);

    @Override
    public String getKey() {
        return "intake-unexpected";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (!(exception instanceof UserFacingException || exception instanceof SecurityException
                || exception instanceof ConstraintViolationException)) {
            LOG.error("A GraphQL request failed inside the server", exception);
        }
        return JsonValue.NULL;
    }
}
