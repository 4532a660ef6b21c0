package dev.intake.security;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Every role that some part of the server checks: Intake's own, and the values of {@code @RolesAllowed} on its beans
 * (the GraphQL APIs and REST resources of the engine and of the domain), read once.
 */
@ApplicationScoped
public class KnownRoles {

    @Inject
    BeanManager beans;

    private volatile Set<String> roles;

    public Set<String> all() {
        Set<String> known = roles;
        if (known == null) {
            known = new TreeSet<>(Set.of(Roles.IMPORT_ADMIN, Roles.IMPORT_VIEWER));
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                collect(bean.getBeanClass(), known);
            }
            roles = known = Set.copyOf(known);
        }
        return known;
    }

    private static void collect(Class<?> type, Set<String> into) {
        RolesAllowed onType = type.getAnnotation(RolesAllowed.class);
        if (onType != null) {
            into.addAll(Set.of(onType.value()));
        }
        for (Method method : type.getDeclaredMethods()) {
            RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
            if (onMethod != null) {
                into.addAll(Set.of(onMethod.value()));
            }
        }
    }
}
