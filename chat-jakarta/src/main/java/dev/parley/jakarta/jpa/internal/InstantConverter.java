package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores an {@link Instant} in a {@code TIMESTAMP WITH TIME ZONE} column ({@link #COLUMN}).
 *
 * <p>Why not the plain mapping: Jakarta Persistence 3.1 lists Instant as a basic type, but
 * EclipseLink 4.0 still serialises it into a binary column. Going through {@link OffsetDateTime}
 * gives a real timestamp, and the explicit column type keeps it absolute: EclipseLink would
 * otherwise make it a {@code TIMESTAMP} without zone, holding the wall-clock time of the writing
 * JVM's default zone, which two processes in different zones would read differently.
 *
 * <p>Known limit: EclipseLink binds the value with {@code setTimestamp}, which H2 turns into a
 * zoned value through the JVM's default zone; in a JVM whose zone has daylight saving, H2 may
 * shift an instant in the repeated hour of autumn by one hour. PostgreSQL is not affected, nor
 * is H2 in a JVM running in UTC.
 */
@Converter
public class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    /** Standard SQL, with microseconds on PostgreSQL and H2; NOT NULL because no Instant column is optional. */
    static final String COLUMN = "TIMESTAMP WITH TIME ZONE NOT NULL";

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
