/** The raw Tyrus broadcaster that Parley is measured against; no Parley code. */
module dev.parley.bench.tyrus {
    requires jakarta.websocket;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.spi;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.tyrus.container.grizzly.server;
    requires org.glassfish.grizzly.http.server;
    requires java.logging;

    exports dev.parley.bench.tyrus to org.glassfish.tyrus.core;
}
