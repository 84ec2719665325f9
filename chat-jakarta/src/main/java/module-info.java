/**
 * The Jakarta EE adapter: the WebSocket endpoint, the REST API, the web page and the JPA stores.
 * API: {@code dev.parley.jakarta} (wiring it into a web application) and
 * {@code dev.parley.jakarta.jpa} (the stores). Everything under {@code .internal} stays inside;
 * a container runs the WAR's classes on the class path, so the reflection of CDI, JAX-RS and JPA
 * is unaffected.
 */
module dev.parley.jakarta {
    requires transitive dev.parley.core;
    requires transitive jakarta.websocket;
    requires transitive jakarta.ws.rs;
    requires transitive jakarta.persistence;
    requires jakarta.json;
    // A Jakarta EE server provides these; the standalone server has no servlet container or CDI.
    requires static jakarta.servlet;
    requires static jakarta.transaction;
    requires static jakarta.cdi;
    requires java.logging;
    requires java.naming;
    requires java.sql;
    requires org.apache.lucene.core;
    // The versioned schema (an automatic module: flyway-core's jar names none).
    requires flyway.core;

    exports dev.parley.jakarta;
    exports dev.parley.jakarta.jpa;
    // The standalone server runs the same security edge and REST surface on Grizzly.
    exports dev.parley.jakarta.internal.edge to dev.parley.standalone;
    exports dev.parley.jakarta.internal.rest to dev.parley.standalone;
}
