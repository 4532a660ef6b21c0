package dev.intake.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.intake.mapping.MappingStore;
import dev.intake.template.HeaderKey;
import dev.intake.upload.FileIntake;
import dev.intake.upload.RejectedUploadException;

/**
 * The saved mapping a rule pins: an attachment whose headers are not the template's own must have exactly the headers
 * of that mapping, so that it runs with it. One whose export changed is refused with what changed, rather than left
 * waiting for a person in the mapping step.
 */
final class PinnedMapping {

    private PinnedMapping() {
    }

    /** @throws RejectedUploadException when the attachment's headers are neither the template's nor the mapping's */
    static void check(MailStore.Rule rule, FileIntake.FileHeader header) {
        if (rule.mappingSignature() == null || header.template()
                || MappingStore.signature(header.cells()).equals(rule.mappingSignature())) {
            return;
        }
        Set<String> expected = new LinkedHashSet<>(MappingStore.keys(rule.mappingSignature()));
        Set<String> found = new LinkedHashSet<>();
        header.cells().stream().map(HeaderKey::of).filter(key -> !key.isEmpty()).forEach(found::add);
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(found);
        List<String> extra = new ArrayList<>(found);
        extra.removeAll(expected);
        throw new RejectedUploadException("mapping-mismatch", "its headers are not those of the saved mapping of batch "
                + rule.mappingBatch().toString().substring(0, 8) + " that the rule for " + rule.template() + " pins:"
                + (missing.isEmpty() ? "" : " missing " + quoted(missing) + (extra.isEmpty() ? "" : ";"))
                + (extra.isEmpty() ? "" : " not in that mapping: " + quoted(extra)),
                "Map one such file on the console, save the mapping, and save the rule with that batch");
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(key -> "'" + key + "'").toList());
    }
}
