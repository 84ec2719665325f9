package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;

/**
 * Stores an {@link Instant} as milliseconds since the epoch in a {@code BIGINT} column.
 *
 * <p>Why: Jakarta Persistence 3.1 lists Instant as a basic type, but EclipseLink 4.0 still
 * serialises it into a binary column; a plain {@code TIMESTAMP} would hold the writing JVM's
 * wall-clock time, and {@code TIMESTAMP WITH TIME ZONE} is refused by Derby (the default data source
 * of GlassFish and Payara), MySQL and SQL Server. A number is absolute, exact for the engine's
 * millisecond timestamps, indexable, and the same on every database.
 */
@Converter
public class InstantConverter implements AttributeConverter<Instant, Long> {

    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    @Override
    public Instant convertToEntityAttribute(Long value) {
        return value == null ? null : Instant.ofEpochMilli(value);
    }
}
