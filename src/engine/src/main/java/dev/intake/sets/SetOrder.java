package dev.intake.sets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which the files of an import set run, from what their templates create and what their lookups refer
 * to: a file whose lookup refers to records another file of the set creates runs after that file has ended. Files
 * that do not depend on each other run side by side. A lookup of a file's own records is left to its second pass.
 */
public final class SetOrder {

    /** What one file's template creates and refers to, as {@code EntityReferences} reads it from the schema. */
    public record Member(String name, Optional<String> creates, Set<String> refersTo) {
    }

    /** A set that cannot be ordered: two files create the same records, or files wait for each other. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private SetOrder() {
    }

    /**
     * For each file, by position, the positions of the files it waits for; throws {@link Refused} naming the files
     * at fault.
     */
    public static List<Set<Integer>> waits(List<Member> members) {
        Map<String, Integer> creator = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Optional<String> creates = members.get(i).creates();
            if (creates.isPresent()) {
                Integer other = creator.putIfAbsent(creates.get(), i);
                if (other != null) {
                    throw new Refused("Both " + members.get(other).name() + " and " + members.get(i).name() + " create "
                            + creates.get() + " records; a set has one file per kind of record, so that the files"
                            + " referring to them know which to wait for");
                }
            }
        }
        List<Set<Integer>> waits = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Set<Integer> before = new LinkedHashSet<>();
            for (String type : members.get(i).refersTo()) {
                Integer other = creator.get(type);
                if (other != null && other != i) {
                    before.add(other);
                }
            }
            waits.add(before);
        }
        List<Integer> cycle = cycle(waits);
        if (!cycle.isEmpty()) {
            List<String> names = cycle.stream().map(i -> members.get(i).name()).toList();
            throw new Refused("The files wait for each other: " + String.join(" waits for ", names) + " (each refers"
                    + " to records the next creates); import one of them on its own first");
        }
        return waits;
    }

    /** The positions in the order the files can run, each after those it waits for. */
    public static List<Integer> runOrder(List<Set<Integer>> waits) {
        List<Integer> order = new ArrayList<>();
        Set<Integer> placed = new LinkedHashSet<>();
        while (order.size() < waits.size()) {
            for (int i = 0; i < waits.size(); i++) {
                if (!placed.contains(i) && placed.containsAll(waits.get(i))) {
                    placed.add(i);
                    order.add(i);
                }
            }
        }
        return order;
    }

    /** A cycle of waits, first file repeated last; empty when there is none. */
    private static List<Integer> cycle(List<Set<Integer>> waits) {
        int[] state = new int[waits.size()];
        for (int start = 0; start < waits.size(); start++) {
            List<Integer> path = new ArrayList<>();
            List<Integer> found = visit(start, waits, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<Integer> visit(int node, List<Set<Integer>> waits, int[] state, List<Integer> path) {
        if (state[node] == 2) {
            return List.of();
        }
        if (state[node] == 1) {
            List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state[node] = 1;
        path.add(node);
        for (int next : waits.get(node)) {
            List<Integer> found = visit(next, waits, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state[node] = 2;
        return List.of();
    }
}
