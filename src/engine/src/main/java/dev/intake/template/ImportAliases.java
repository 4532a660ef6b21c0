package dev.intake.template;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * Other names a file's header may give an input field, such as {@code Section} for {@code category}. Shown in the
 * schema as {@code @importAliases(names: ["Company"])}; the mapping step proposes the field for such a header, and
 * the template's description row lists them.
 */
@Directive(on = DirectiveLocation.INPUT_FIELD_DEFINITION)
@Description("Other names a file's header may give the field, for the mapping step of imports")
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
public @interface ImportAliases {

    @NonNull
    @Description("The names, such as Company")
    String[] names();
}
