/**
 * The runnable server: Grizzly, Tyrus and Jersey on one port with the Jakarta adapter's endpoints.
 * API: {@code dev.parley.standalone} (start one from Java). The command line reads its options
 * by reflection, so that package is open to picocli.
 */
module dev.parley.standalone {
    requires transitive dev.parley.jakarta;
    requires dev.parley.redis;
    requires dev.parley.micrometer;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires jakarta.json;
    requires jakarta.annotation;
    requires java.logging;
    requires java.sql;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.grizzly.http.server;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.spi;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.tyrus.container.grizzly.server;
    requires jersey.common;
    requires jersey.server;
    requires jersey.container.grizzly2.http;
    requires jersey.media.multipart;
    requires info.picocli;

    exports dev.parley.standalone;
    opens dev.parley.standalone.internal.cli to info.picocli;
}
