package dev.parley.core.internal;

import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link Effects}: one case for every kind of bus event, applied once per node. */
class EffectsTest {
    private static final String HERE = "this-node";
    private static final String THERE = "another-node";

    /** A bus that records what is published and carries nothing. */
    private static final class RecordingBus implements ClusterBus {
        final List<BusEvent> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(BusEvent event) {
            published.add(event);
        }

        @Override
        public AutoCloseable subscribe(Consumer<BusEvent> listener) {
            return () -> {
            };
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Scheduler scheduler = Scheduler.system();
    private final RecordingBus bus = new RecordingBus();
    private final Effects effects = effects(MessageStore.inMemory(), RoomStore.inMemory());

    private Effects effects(MessageStore messages, RoomStore rooms) {
        Clock clock = Clock.systemUTC();
        InFlight inFlight = new InFlight(new IdGenerator(clock, 0));
        Timers timers = new Timers(scheduler, executor);
        Delivery delivery = new Delivery(messages, rooms, PresenceStore.inMemory(), executor, timers);
        EventFeed feed = new EventFeed(messages, inFlight, executor, timers);
        KnownMembers members = new KnownMembers(System::nanoTime);
        return new Effects(HERE, bus, delivery, feed, members, clock, dev.parley.core.ChatMetrics.none(), new RoomActEffects(delivery, feed, members,
                new KnownRooms(rooms), new Sanctions(dev.parley.core.spi.SanctionStore.inMemory(), clock, System::nanoTime)));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.close();
    }

    @Test
    void everyKindOfBusEventHasAnEffect() throws Exception {
        Class<?>[] kinds = BusEvent.class.getPermittedSubclasses();
        assertTrue(kinds.length >= 5, "the kinds of BusEvent: " + List.of(kinds));
        for (Class<?> kind : kinds) {
            for (String origin : List.of(THERE, HERE)) {
                BusEvent event = sample(kind, origin);
                try {
                    effects.fromBus(event);
                    effects.local(event);
                } catch (IllegalStateException e) {
                    fail(kind.getSimpleName() + " has no case in Effects.apply", e);
                }
            }
        }
        assertEquals(2 * kinds.length, bus.published.size(), "each local change is published once");
    }

    @Test
    void aLocalChangeIsPublishedAsItWasBuilt() {
        BusEvent revoked = new BusEvent.TokenRevoked(HERE, "token-1");
        effects.local(revoked);
        assertEquals(List.of(revoked), bus.published);
    }

    @Test
    void anEventFromTheBusIsNotPublishedAgain() {
        effects.fromBus(new BusEvent.TokenRevoked(THERE, "token-1"));
        effects.fromBus(new BusEvent.TokenRevoked(HERE, "token-2"));
        assertFalse(bus.published.iterator().hasNext(), "published: " + bus.published);
    }

    /** An instance of a kind of bus event, its components filled by type. */
    private static BusEvent sample(Class<?> kind, String origin) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args.add(value(components[i], origin));
        }
        Constructor<?> canonical = kind.getDeclaredConstructor(types);
        return (BusEvent) canonical.newInstance(args.toArray());
    }

    private static Object value(RecordComponent component, String origin) {
        Class<?> type = component.getType();
        if (component.getName().equals("origin")) {
            return origin;
        } else if (type == String.class) {
            return component.getName().equals("room") ? "hall" : "alice";
        } else if (type == boolean.class) {
            return true;
        } else if (type == long.class) {
            return 1L;
        } else if (type == Optional.class) {
            return Optional.empty();
        } else if (type == Room.class) {
            return new Room("hall", "Hall", Visibility.PUBLIC, "alice", Instant.EPOCH);
        } else if (type == Optional.class) {
            return Optional.of("token-1");
        } else if (type == Message.class) {
            return new Message(1L << 13, "hall", 1, MessageKind.CHAT, "alice", "hi", Instant.EPOCH,
                    Optional.empty(), Optional.empty());
        }
        throw new AssertionError("EffectsTest has no sample value of " + type + " for " + component
                + ": add one so that the new kind of event is checked too");
    }
}
