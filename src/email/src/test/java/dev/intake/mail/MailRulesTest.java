package dev.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.intake.mapping.MappingStore;
import dev.intake.upload.FileIntake;
import dev.intake.upload.RejectedUploadException;

/** Who may send, what counts as authenticated, and which rule chooses an attachment's template. */
class MailRulesTest {

    @Test
    void senders_are_allowed_by_address_or_domain_and_an_empty_list_allows_nobody() {
        assertTrue(SenderRules.allowed("ERP@Partner.test", List.of("erp@partner.test")));
        assertTrue(SenderRules.allowed("anyone@partner.test", List.of("@partner.test")));
        assertFalse(SenderRules.allowed("anyone@evilpartner.test", List.of("@partner.test")));
        assertFalse(SenderRules.allowed("erp@partner.test", List.of()), "an empty list refuses all mail");
        assertFalse(SenderRules.allowed(null, List.of("@partner.test")));
    }

    @Test
    void only_the_trusted_servers_header_counts_and_spf_or_dkim_must_align_with_from() {
        String trusted = "mx.example.com";
        assertTrue(AuthenticationResults.passes(List.of("mx.example.com; dmarc=pass header.from=partner.test"),
                trusted, "partner.test"));
        assertFalse(AuthenticationResults.passes(List.of("mx.forger.test; dmarc=pass header.from=partner.test"),
                trusted, "partner.test"), "a header another server wrote, or the sender, is ignored");
        assertTrue(AuthenticationResults.passes(List.of("mx.example.com; spf=pass smtp.mailfrom=erp@partner.test;"
                + " dmarc=fail"), trusted, "partner.test"));
        assertFalse(AuthenticationResults.passes(List.of("mx.example.com; spf=pass smtp.mailfrom=bounce@mailer.test"),
                trusted, "partner.test"), "SPF for another domain is not alignment");
        assertTrue(AuthenticationResults.passes(List.of("mx.example.com; dkim=pass header.d=partner.test"), trusted,
                "partner.test"));
        assertFalse(AuthenticationResults.passes(List.of("mx.example.com; dkim=fail header.d=partner.test"), trusted,
                "partner.test"));
        assertFalse(AuthenticationResults.passes(List.of("mx.example.com; dmarc=pass"), null, "partner.test"),
                "without a trusted server nothing is trusted");
    }

    @Test
    void the_first_rule_whose_file_name_glob_and_subject_text_match_chooses_the_template() {
        MailStore.Rule orders = rule(1, "orders-*.csv", null, "createOrder");
        MailStore.Rule nightly = rule(2, "*.xlsx", "Nightly", "createProduct");
        List<MailStore.Rule> rules = List.of(orders, nightly);
        assertEquals("createOrder", RuleMatch.first(rules, "ORDERS-2026-12-07.CSV", "anything").orElseThrow()
                .template());
        assertEquals("createProduct", RuleMatch.first(rules, "stock.xlsx", "Re: nightly export").orElseThrow()
                .template());
        assertTrue(RuleMatch.first(rules, "stock.xlsx", "weekly export").isEmpty());
        assertTrue(RuleMatch.first(rules, "orders.csv", null).isEmpty(), "the glob must match the whole name");
    }

    @Test
    void a_rule_refuses_mail_once_its_admins_token_seen_after_saving_lacks_the_import_role() {
        MailStore.Rule rule = rule(1, "*.csv", null, "createOrder");
        Instant later = Instant.EPOCH.plusSeconds(60);
        assertTrue(RuleAdmin.refusal(rule, Optional.empty()).isEmpty(), "no token of the admin seen: the rule stands");
        assertTrue(RuleAdmin.refusal(rule, Optional.of(new MailStore.SeenRoles(Set.of("import-admin"), later)))
                .isEmpty());
        assertTrue(RuleAdmin.refusal(rule, Optional.of(new MailStore.SeenRoles(Set.of("import-viewer"),
                Instant.EPOCH.minusSeconds(60)))).isEmpty(), "a token from before the rule was saved says nothing");
        String refusal = RuleAdmin.refusal(rule, Optional.of(new MailStore.SeenRoles(Set.of("import-viewer"),
                later))).orElseThrow();
        assertTrue(refusal.contains("saved by ada, who has since lost the import-admin role"), refusal);
    }

    @Test
    void a_pinned_mapping_takes_its_headers_in_any_order_and_case_and_says_what_changed() {
        MailStore.Rule rule = new MailStore.Rule(UUID.randomUUID(), "acme", 1, "erp-*.csv", null, "createOrder", false,
                "ada", List.of("import-admin"), Instant.EPOCH, UUID.fromString("1b2c3d4e-0000-4000-8000-000000000000"),
                MappingStore.signature(List.of("Company Name", "Region")));
        PinnedMapping.check(rule, new FileIntake.FileHeader(false, List.of("REGION", "company name")));
        PinnedMapping.check(rule, new FileIntake.FileHeader(true, List.of("name")));
        RejectedUploadException changed = assertThrows(RejectedUploadException.class, () -> PinnedMapping.check(rule,
                new FileIntake.FileHeader(false, List.of("Company Name", "Owner"))));
        assertTrue(changed.getMessage().startsWith("its headers are not those of the saved mapping of batch 1b2c3d4e"
                + " that the rule for createOrder pins: missing 'region'; not in that mapping: 'owner'"),
                changed.getMessage());
    }

    private static MailStore.Rule rule(int position, String filename, String subject, String template) {
        return new MailStore.Rule(UUID.randomUUID(), "acme", position, filename, subject, template, false, "ada",
                List.of("import-admin"), Instant.EPOCH, null, null);
    }
}
