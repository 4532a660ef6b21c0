package dev.intake.customfield;

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
 * Marks the input field that carries an entity's custom fields (a list of name and value). Templates show one
 * column per custom field defined for the entity, with the reference {@code input/customFields/<name>}.
 */
@Directive(on = DirectiveLocation.INPUT_FIELD_DEFINITION)
@Description("The field carries the custom fields defined at run time for the entity")
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
public @interface CustomFields {

    @NonNull
    @Description("The entity whose custom fields these are, such as Product")
    String entity();
}
