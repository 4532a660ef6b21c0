package dev.intake.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.intake.file.ColumnNames;
import dev.intake.template.HeaderKey;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * Proposes a template field for each column of a file whose header is not the template's, trying these stages in
 * order; the first that answers wins:
 * <ol>
 * <li>exact: the reference, the label or the field name, in any case;</li>
 * <li>normalised: the same after {@link HeaderFold} (accents, case, spaces, punctuation, underscores and
 * camelCase folded away);</li>
 * <li>remembered: what this organisation mapped the header to before, for this template ({@link Memory});</li>
 * <li>an alias the schema declares on the input field ({@code @importAliases});</li>
 * <li>similar: the closest label, field name or alias by edit distance, at least {@value #SIMILAR_AT_LEAST},
 * and only to a field whose type fits the column's samples.</li>
 * </ol>
 * When two columns claim one field, the more confident keeps it (the first, on a tie). Plain code: the caller
 * gives the headers, samples and memory.
 */
public final class ColumnMatcher {

    static final double EXACT = 1.0;
    static final double NORMALISED = 0.95;
    static final double ALIAS = 0.93;
    static final double SIMILAR_AT_LEAST = 0.6;

    /** What the organisation mapped headers to before, for this template. */
    public interface Memory {
        /** For a header (its {@link HeaderKey}), the field it was mapped to and why, if ever. */
        Optional<Remembered> recall(String headerKey);

        Memory NONE = header -> Optional.empty();
    }

    /** A remembered mapping of one header: to a field, or ({@code null}) not imported. */
    public record Remembered(String reference, double confidence, String reason) {
    }

    private final ImportTemplate template;
    private final Memory memory;
    private final Predicate<String> reportColumn;
    private final Map<String, Candidate> exact = new HashMap<>();
    private final Map<String, Candidate> folded = new HashMap<>();
    private final Map<String, Candidate> byAlias = new HashMap<>();

    private record Candidate(TemplateColumn column, String how) {
    }

    /**
     * @param reportColumn whether a header names one of Intake's own report columns, which are ignored
     */
    public ColumnMatcher(ImportTemplate template, Memory memory, Predicate<String> reportColumn) {
        this.template = template;
        this.memory = memory;
        this.reportColumn = reportColumn;
        Map<String, Set<Candidate>> exactNames = new LinkedHashMap<>();
        Map<String, Set<Candidate>> foldedNames = new LinkedHashMap<>();
        for (TemplateColumn column : template.columns()) {
            Map<String, String> names = new LinkedHashMap<>();
            names.put(column.label(), "label");
            names.putIfAbsent(column.fieldName(), "field name");
            names.putIfAbsent(column.reference(), "reference");
            names.putIfAbsent(withoutArgument(column.reference()), "reference");
            names.forEach((name, how) -> {
                exactNames.computeIfAbsent(HeaderKey.of(name), key -> new java.util.LinkedHashSet<>()).add(new Candidate(column, how));
                foldedNames.computeIfAbsent(HeaderFold.of(name), key -> new java.util.LinkedHashSet<>()).add(new Candidate(column, how));
            });
            for (String alias : column.aliases()) {
                byAlias.putIfAbsent(HeaderFold.of(alias), new Candidate(column, alias));
            }
        }
        unique(exactNames, exact);
        unique(foldedNames, folded);
    }

    /**
     * The proposal for a file's header row.
     *
     * @param samples for each column, up to three of its non-blank values
     */
    public MappingProposal propose(List<String> headers, List<List<String>> samples) {
        List<ColumnProposal> proposals = new ArrayList<>();
        List<Integer> reports = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i) == null ? "" : headers.get(i);
            List<String> columnSamples = i < samples.size() ? samples.get(i) : List.of();
            if (!header.isBlank() && reportColumn.test(header)) {
                reports.add(i);
            }
            proposals.add(propose(i, header, columnSamples, reports.contains(i)));
        }
        resolveConflicts(proposals);
        Set<String> mapped = new HashSet<>();
        proposals.forEach(proposal -> mapped.add(proposal.reference()));
        List<String> missing = template.columns().stream()
                .filter(column -> column.required() && !mapped.contains(column.reference()))
                .map(TemplateColumn::reference).toList();
        return new MappingProposal(proposals, missing, reports, List.of());
    }

    private ColumnProposal propose(int index, String header, List<String> samples, boolean report) {
        String letter = ColumnNames.letters(index);
        if (header.isBlank()) {
            return new ColumnProposal(index, letter, header, samples, null, false, 0, "no header");
        }
        if (report) {
            return new ColumnProposal(index, letter, header, samples, null, true, 1, "Intake's report column, ignored");
        }
        Candidate hit = exact.get(HeaderKey.of(header));
        if (hit != null) {
            return new ColumnProposal(index, letter, header, samples, hit.column().reference(), false, EXACT,
                    "exact " + hit.how());
        }
        String fold = HeaderFold.of(header);
        hit = folded.get(fold);
        if (hit != null) {
            return new ColumnProposal(index, letter, header, samples, hit.column().reference(), false, NORMALISED,
                    "normalised " + hit.how() + " \"" + name(hit) + "\"");
        }
        Optional<Remembered> remembered = memory.recall(HeaderKey.of(header))
                .filter(memo -> memo.reference() == null || template.column(memo.reference()).isPresent());
        if (remembered.isPresent()) {
            return new ColumnProposal(index, letter, header, samples, remembered.get().reference(),
                    remembered.get().reference() == null, remembered.get().confidence(), remembered.get().reason());
        }
        hit = byAlias.get(fold);
        if (hit != null) {
            return new ColumnProposal(index, letter, header, samples, hit.column().reference(), false, ALIAS,
                    "alias \"" + hit.how() + "\"");
        }
        return similar(index, letter, header, fold, samples);
    }

    private ColumnProposal similar(int index, String letter, String header, String fold, List<String> samples) {
        TemplateColumn best = null;
        String bestName = null;
        double bestScore = 0;
        boolean refusedForType = false;
        for (TemplateColumn column : template.columns()) {
            List<String> names = new ArrayList<>(List.of(column.label(), column.fieldName()));
            names.addAll(column.aliases());
            for (String name : names) {
                double score = Similarity.of(fold, HeaderFold.of(name));
                if (score < SIMILAR_AT_LEAST || score <= bestScore) {
                    continue;
                }
                if (!SampleFit.fits(column, samples)) {
                    refusedForType = true;
                    continue;
                }
                best = column;
                bestName = name;
                bestScore = score;
            }
        }
        if (best == null) {
            return new ColumnProposal(index, letter, header, samples, null, false, 0, refusedForType
                    ? "no field of a type its values fit is like it" : "no field is like it");
        }
        double rounded = Math.round(bestScore * 100) / 100.0;
        return new ColumnProposal(index, letter, header, samples, best.reference(), false, rounded,
                "similar to \"" + bestName + "\" (" + String.format(Locale.ROOT, "%.2f", rounded) + ")");
    }

    private void resolveConflicts(List<ColumnProposal> proposals) {
        Map<String, Integer> holder = new HashMap<>();
        for (int i = 0; i < proposals.size(); i++) {
            ColumnProposal proposal = proposals.get(i);
            if (proposal.reference() == null) {
                continue;
            }
            Integer earlier = holder.get(proposal.reference());
            if (earlier == null) {
                holder.put(proposal.reference(), i);
            } else if (proposal.confidence() > proposals.get(earlier).confidence()) {
                proposals.set(earlier, proposals.get(earlier).without(taken(proposal)));
                holder.put(proposal.reference(), i);
            } else {
                proposals.set(i, proposal.without(taken(proposals.get(earlier))));
            }
        }
    }

    private static String taken(ColumnProposal holder) {
        return "would be " + holder.reference() + ", which column " + holder.letter() + " matches better";
    }

    private static String name(Candidate candidate) {
        return switch (candidate.how()) {
            case "label" -> candidate.column().label();
            case "field name" -> candidate.column().fieldName();
            default -> candidate.column().reference();
        };
    }

    private static void unique(Map<String, Set<Candidate>> names, Map<String, Candidate> into) {
        names.forEach((key, candidates) -> {
            if (key.isEmpty()) {
                return;
            }
            Set<String> columns = new HashSet<>();
            candidates.forEach(candidate -> columns.add(candidate.column().reference()));
            if (columns.size() == 1) {
                into.put(key, candidates.iterator().next());
            }
        });
    }

    private static String withoutArgument(String reference) {
        int slash = reference.indexOf('/');
        return slash < 0 ? reference : reference.substring(slash + 1);
    }
}
