package dev.intake.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void tags_that_name_each_label_in_order_pass() {
        String[] tags = {"target", "crm", "answer", "2xx"};
        assertArrayEquals(tags, Metric.REMOTE_REQUESTS.tagged(tags));
        assertArrayEquals(new String[0], Metric.WORKERS_BUSY.tagged());
    }

    @Test
    void a_missing_misnamed_reordered_or_empty_tag_is_refused_naming_the_labels() {
        for (String[] wrong : new String[][] {{"target", "crm"}, {"answer", "2xx", "target", "crm"},
                {"target", "crm", "status", "2xx"}, {"target", null, "answer", "2xx"},
                {"target", "crm", "answer", "2xx", "email", "x@example.org"}}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Metric.REMOTE_REQUESTS.tagged(wrong));
            assertTrue(refused.getMessage().contains("[target, answer]"), refused.getMessage());
        }
    }
}
