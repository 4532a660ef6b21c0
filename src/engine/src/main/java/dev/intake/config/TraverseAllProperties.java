package dev.intake.config;

import java.lang.annotation.ElementType;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Lets Bean Validation reach and cascade into every property of what it validates, without asking Hibernate ORM.
 * <p>
 * With Hibernate ORM present, Quarkus's validator asks it, for every property of every object validated, whether
 * that property is loaded, so that validating an entity never loads a lazy association. Intake validates only the
 * mutations' input records, and no entity of the sample declares a constraint (its EntityRulesTest says so), so the answer
 * was always yes: a third of the validation of every imported row went to asking. Quarkus takes a
 * {@link TraversableResolver} bean in place of its own.
 * <p>
 * It replaces the application's resolver, so it is there only when the application turns it on, with
 * {@code intake.validation.traverse-all-properties=true} (a build-time setting); do so when no entity of yours
 * declares a constraint and your inputs are plain classes or records.
 */
@Singleton
@IfBuildProperty(name = "intake.validation.traverse-all-properties", stringValue = "true")
public class TraverseAllProperties implements TraversableResolver {

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
