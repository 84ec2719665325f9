package dev.parley.standalone.internal.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertersTest {

    @Test
    void sizesAndDurationsUseTheProtocolsGrammarAndFailAsPicocliExpects() {
        // the grammar itself is tested in chat-protocol's QuantitiesTest
        assertEquals(10L << 20, Converters.size("10MB"));
        assertEquals(Duration.ofHours(24), Converters.duration("24h"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> Converters.size("10XB"));
        assertTrue(e.getMessage().contains("10MB"), e.getMessage());
        assertThrows(TypeConversionException.class, () -> Converters.duration("24"), "a bare number is no duration on the command line");
        assertThrows(TypeConversionException.class, () -> Converters.duration("0s"));
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
