package dev.parley.standalone.internal.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertersTest {

    @Test
    void sizesAcceptPlainBytesAndBinaryUnits() {
        assertEquals(1048576, Converters.size("1048576"));
        assertEquals(10L << 20, Converters.size("10MB"));
        assertEquals(10L << 20, Converters.size("10MiB"));
        assertEquals(10L << 20, Converters.size("10m"));
        assertEquals(512L << 10, Converters.size("512KiB"));
        assertEquals(512L << 10, Converters.size("512 kb"));
        assertEquals(2L << 30, Converters.size("2GB"));
        assertEquals(7, Converters.size("7B"));
    }

    @Test
    void badSizesAreRefusedWithAnExample() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> Converters.size("10XB"));
        assertTrue(e.getMessage().contains("10MB"), e.getMessage());
        assertThrows(TypeConversionException.class, () -> Converters.size("-5"));
        assertThrows(TypeConversionException.class, () -> Converters.size("0"));
        assertThrows(TypeConversionException.class, () -> Converters.size("99999999999999999999"));
        assertThrows(TypeConversionException.class, () -> Converters.size("9999999999TB"));
    }

    @Test
    void durationsAcceptShortFormsAndIso8601() {
        assertEquals(Duration.ofHours(24), Converters.duration("24h"));
        assertEquals(Duration.ofMinutes(30), Converters.duration("30m"));
        assertEquals(Duration.ofSeconds(90), Converters.duration("90s"));
        assertEquals(Duration.ofDays(7), Converters.duration("7d"));
        assertEquals(Duration.ofMillis(500), Converters.duration("500ms"));
        assertEquals(Duration.ofHours(1), Converters.duration("PT1H"));
        assertEquals(Duration.ofMinutes(90), Converters.duration("pt1h30m"));
    }

    @Test
    void badDurationsAreRefused() {
        assertThrows(TypeConversionException.class, () -> Converters.duration("tomorrow"));
        assertThrows(TypeConversionException.class, () -> Converters.duration("0s"));
        assertThrows(TypeConversionException.class, () -> Converters.duration("PT-1H"));
        assertThrows(TypeConversionException.class, () -> Converters.duration("24"));
    }

    @Test
    void portsAreZeroTo65535() {
        assertEquals(0, Converters.port("0"));
        assertEquals(65535, Converters.port("65535"));
        assertThrows(TypeConversionException.class, () -> Converters.port("65536"));
        assertThrows(TypeConversionException.class, () -> Converters.port("-1"));
        assertEquals("'x' is not an int", assertThrows(TypeConversionException.class, () -> Converters.port("x")).getMessage());
    }
}
