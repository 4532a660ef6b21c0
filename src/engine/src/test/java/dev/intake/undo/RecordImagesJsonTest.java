package dev.intake.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A record image is written as the object mapper writes the same map, whatever values a GraphQL answer holds. */
class RecordImagesJsonTest {

    @Test
    void an_image_reads_back_as_the_object_mapper_writes_it() throws JsonProcessingException {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Zürich \"Altstadt\"\n\t\\ \u0001 </script>");
        address.put("lines", Arrays.asList("first", null, "third"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Ada");
        record.put("missing", null);
        record.put("active", true);
        record.put("visits", 42);
        record.put("views", 9_007_199_254_740_993L);
        record.put("score", 0.1);
        record.put("price", new BigDecimal("1234567890.123456789"));
        record.put("big", new BigInteger("123456789012345678901234567890"));
        record.put("since", LocalDate.of(2026, 12, 7).toString());
        record.put("address", address);
        record.put("tags", List.of(List.of(1, 2), Map.of("k", "v")));

        String written = RecordImages.json(record);

        assertEquals(RecordImages.JSON.writeValueAsString(record), written);
        assertEquals(RecordImages.JSON.readTree(RecordImages.JSON.writeValueAsString(record)), RecordImages.tree(written));
    }

    @Test
    void no_record_has_no_image() {
        assertNull(RecordImages.json(null));
        assertEquals("{}", RecordImages.json(Map.of()));
    }
}
