package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantitiesTest {

    @Test
    void sizesAcceptPlainBytesAndBinaryUnits() {
        assertEquals(1048576, Quantities.size("1048576"));
        assertEquals(10L << 20, Quantities.size("10MB"));
        assertEquals(10L << 20, Quantities.size("10MiB"));
        assertEquals(10L << 20, Quantities.size("10m"));
        assertEquals(512L << 10, Quantities.size("512KiB"));
        assertEquals(512L << 10, Quantities.size("512 kb"));
        assertEquals(2L << 30, Quantities.size("2GB"));
        assertEquals(3L << 40, Quantities.size("3T"));
        assertEquals(7, Quantities.size("7B"));
    }

    @Test
    void badSizesAreRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.size("10XB"));
        assertTrue(e.getMessage().contains("10MB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantities.size("-5"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size("0"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size(""));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size(null));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size("99999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.size("9999999999TB"));
    }

    @Test
    void durationsAcceptShortFormsAndIso8601() {
        assertEquals(Duration.ofHours(24), Quantities.duration("24h"));
        assertEquals(Duration.ofMinutes(30), Quantities.duration("30m"));
        assertEquals(Duration.ofSeconds(90), Quantities.duration("90s"));
        assertEquals(Duration.ofDays(7), Quantities.duration("7d"));
        assertEquals(Duration.ofMillis(500), Quantities.duration("500ms"));
        assertEquals(Duration.ofHours(1), Quantities.duration("PT1H"));
        assertEquals(Duration.ofMinutes(90), Quantities.duration("pt1h30m"));
    }

    @Test
    void aBareNumberIsSecondsOnlyWhereAskedFor() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.duration("24"));
        assertEquals(Duration.ofHours(1), Quantities.durationOrSeconds("3600"));
        assertEquals(Duration.ofHours(12), Quantities.durationOrSeconds("PT12H"));
        assertEquals(Duration.ofHours(2), Quantities.durationOrSeconds("2h"));
    }

    @Test
    void badDurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.duration("tomorrow"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.duration("0s"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.duration("PT-1H"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.durationOrSeconds("0"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.durationOrSeconds(null));
    }
}
