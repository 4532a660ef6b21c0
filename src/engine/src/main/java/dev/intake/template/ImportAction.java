package dev.intake.template;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * Overrides what a mutation's template is called, or keeps a mutation out of the templates. Without it, the
 * entity and action come from the mutation's name.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Description("How imports name this mutation's template; importable: false keeps it out of the templates")
@Retention(RUNTIME)
@Target(METHOD)
public @interface ImportAction {

    @Description("The entity the rows are, such as Event")
    String entity() default "";

    @Description("What each row does, such as addPrices")
    String action() default "";

    @Description("Whether the mutation has a template at all")
    boolean importable() default true;
}
