package dev.parley.core.spi;

import dev.parley.core.spi.BusEvent.PresenceChanged;
import dev.parley.core.spi.BusEvent.Typing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Pins the in-process {@link ClusterBus}. */
class InProcessBusTest {

    private final ClusterBus bus = ClusterBus.inProcess();

    private static BusEvent typing(int i) {
        return new Typing("node-a", "general", "user" + i, true);
    }

    @Test
    void publishReachesEverySubscriberIncludingThePublishersOwn() throws Exception {
        List<BusEvent> first = new CopyOnWriteArrayList<>();
        List<BusEvent> second = new CopyOnWriteArrayList<>();
        bus.subscribe(first::add);
        bus.subscribe(second::add);
        BusEvent event = new PresenceChanged("node-a", "alice", true);
        bus.publish(event);
        assertEquals(List.of(event), first);
        assertEquals(List.of(event), second);
    }

    @Test
    void listenersReceiveEventsInPublishOrder() {
        List<BusEvent> received = new ArrayList<>();
        bus.subscribe(received::add);
        List<BusEvent> published = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            published.add(typing(i));
            bus.publish(published.get(i));
        }
        assertEquals(published, received);
    }

    @Test
    void deliveryHappensOnThePublishingThreadBeforePublishReturns() {
        List<Thread> threads = new ArrayList<>();
        bus.subscribe(e -> threads.add(Thread.currentThread()));
        bus.publish(typing(1));
        assertEquals(1, threads.size());
        assertSame(Thread.currentThread(), threads.get(0));
    }

    @Test
    void aThrowingListenerDoesNotStopDeliveryToOthers() {
        List<BusEvent> before = new ArrayList<>();
        List<BusEvent> after = new ArrayList<>();
        bus.subscribe(before::add);
        bus.subscribe(e -> {
            throw new IllegalStateException("listener bug (expected by this test)");
        });
        bus.subscribe(after::add);
        bus.publish(typing(1));
        bus.publish(typing(2));
        assertEquals(List.of(typing(1), typing(2)), before);
        assertEquals(List.of(typing(1), typing(2)), after);
    }

    @Test
    void closingTheHandleUnsubscribes() throws Exception {
        List<BusEvent> kept = new ArrayList<>();
        List<BusEvent> removed = new ArrayList<>();
        bus.subscribe(kept::add);
        AutoCloseable handle = bus.subscribe(removed::add);
        bus.publish(typing(1));
        handle.close();
        handle.close();
        bus.publish(typing(2));
        assertEquals(List.of(typing(1)), removed);
        assertEquals(List.of(typing(1), typing(2)), kept);
    }

    @Test
    void oneListenerSubscribedTwiceIsRemovedOncePerHandle() throws Exception {
        List<BusEvent> received = new ArrayList<>();
        Consumer<BusEvent> listener = received::add;
        AutoCloseable firstHandle = bus.subscribe(listener);
        bus.subscribe(listener);
        bus.publish(typing(1));
        firstHandle.close();
        bus.publish(typing(2));
        assertEquals(List.of(typing(1), typing(1), typing(2)), received);
    }

    @Test
    void aListenerMayUnsubscribeWhileReceiving() throws Exception {
        List<BusEvent> received = new ArrayList<>();
        AutoCloseable[] handle = new AutoCloseable[1];
        handle[0] = bus.subscribe(e -> {
            received.add(e);
            try {
                handle[0].close();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        bus.publish(typing(1));
        bus.publish(typing(2));
        assertEquals(List.of(typing(1)), received);
    }

    @Test
    void publishWithoutSubscribersIsHarmlessAndTheBusIsUp() {
        bus.publish(typing(1));
        assertEquals("UP", bus.status());
    }

    @Test
    void closingTheBusLeavesOtherEnginesSubscribed() {
        List<BusEvent> received = new ArrayList<>();
        bus.subscribe(received::add);
        bus.close();
        bus.publish(typing(1));
        assertEquals(List.of(typing(1)), received);
    }
}
