package dev.parley.jakarta.jpa.internal;

import java.util.List;
import java.util.stream.Stream;

/** The classes of the unit {@code parley}, in the order of its {@code persistence.xml} (a test holds the two equal). */
public final class ManagedClasses {
    private ManagedClasses() {
    }

    /** Their fully qualified names. */
    public static List<String> names() {
        return Stream.of(UserEntity.class, RoomEntity.class, MembershipEntity.class, MessageEntity.class,
                ReactionEntity.class, RoomSeqEntity.class, RevokedTokenEntity.class, SigningKeyEntity.class,
                MentionEntity.class, ReadMarkerEntity.class, BlockEntity.class, SanctionEntity.class,
                InstantConverter.class).map(Class::getName).toList();
    }
}
