package dev.intake.remote;

/**
 * Where a target takes a row's idempotency key for a mutation, as its overlay declares it:
 * <ul>
 * <li>a request header, as Stripe's {@code Idempotency-Key}: the key belongs to the request, so it is a row's own only
 * when a request carries one row;</li>
 * <li>an argument of the mutation, such as {@code idempotencyKey: String}: the key belongs to the mutation's field;</li>
 * <li>a directive on the mutation's field, as Shopify's {@code @idempotent(key:)}: the key belongs to the field.</li>
 * </ul>
 *
 * @param name the header, the argument, or the directive without its {@code @}
 * @param argument the directive's argument that takes the key; {@code null} for a header or an argument
 */
record IdempotencyKey(Place place, String name, String argument) {

    enum Place {
        HEADER, ARGUMENT, DIRECTIVE
    }

    static IdempotencyKey header(String name) {
        return new IdempotencyKey(Place.HEADER, name, null);
    }

    static IdempotencyKey argument(String name) {
        return new IdempotencyKey(Place.ARGUMENT, name, null);
    }

    static IdempotencyKey directive(String name, String argument) {
        return new IdempotencyKey(Place.DIRECTIVE, name, argument);
    }

    /** Whether each mutation field carries its own key, so that several rows in one request keep theirs. */
    boolean perField() {
        return place != Place.HEADER;
    }

    /** How the overlay writes it, for messages. */
    @Override
    public String toString() {
        return switch (place) {
            case HEADER -> "header " + name;
            case ARGUMENT -> "argument " + name;
            case DIRECTIVE -> "@" + name + "(" + argument + ":)";
        };
    }
}
