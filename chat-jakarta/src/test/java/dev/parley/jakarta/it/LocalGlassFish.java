package dev.parley.jakarta.it;

import org.jboss.arquillian.config.descriptor.api.ArquillianDescriptor;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives embedded GlassFish a domain.xml that listens on 127.0.0.1 only, on a free port, without
 * https, and whose default data source ({@code jdbc/__default}, behind
 * {@code java:comp/DefaultDataSource}) is an in-memory H2 database instead of Derby: the jar's own
 * configuration, rewritten before Arquillian reads the container settings.
 */
public final class LocalGlassFish implements LoadableExtension {

    /** The HTTP keep-alive timeout of the test server. */
    static final int KEEP_ALIVE_SECONDS = 2;

    /** The pool behind jdbc/__default: H2 in memory, kept for the life of the JVM. */
    private static final String H2_POOL = """
            <jdbc-connection-pool is-isolation-level-guaranteed="false" name="DerbyPool" \
            datasource-classname="org.h2.jdbcx.JdbcDataSource" res-type="javax.sql.DataSource">
                  <property name="URL" value="jdbc:h2:mem:parley-it;DB_CLOSE_DELAY=-1" />
                  <property name="user" value="sa" />
                  <property name="password" value="" />
                </jdbc-connection-pool>""";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Configure.class);
    }

    /** Runs before Arquillian builds its container registry from the descriptor. */
    public static final class Configure {
        public void configure(@Observes(precedence = 100) ArquillianDescriptor descriptor) throws IOException {
            Path xml = writeDomainXml(freePort());
            for (ContainerDef container : descriptor.getContainers()) {
                container.property("configurationXml", xml.toString());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path writeDomainXml(int port) throws IOException {
        String xml;
        try (InputStream in = LocalGlassFish.class.getClassLoader().getResourceAsStream("org/glassfish/embed/domain.xml")) {
            if (in == null) {
                throw new IllegalStateException("glassfish-embedded-all's org/glassfish/embed/domain.xml is not on the test classpath");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rewritten = xml
                // the adapter splits this list on "," without trimming; https stays off
                .replace("network-listeners=\"http-listener, https-listener\"", "network-listeners=\"http-listener\"")
                .replace("<network-listener port=\"0\" protocol=\"http-listener\"",
                        "<network-listener address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"http-listener\"")
                .replaceFirst("(name=\"http-listener\" thread-pool=\"http-thread-pool\") enabled=\"false\"", "$1 enabled=\"true\"")
                .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                // a short HTTP keep-alive, so that a test can show it does not close idle WebSockets
                .replaceFirst("<http default-virtual-server=\"server\" max-connections=\"250\">",
                        "<http default-virtual-server=\"server\" max-connections=\"250\" timeout-seconds=\"" + KEEP_ALIVE_SECONDS + "\">")
                .replaceFirst("(?s)<jdbc-connection-pool is-isolation-level-guaranteed=\"false\" name=\"DerbyPool\".*?</jdbc-connection-pool>",
                        H2_POOL);
        if (!rewritten.contains("port=\"" + port + "\"") || rewritten.contains("0.0.0.0") || !rewritten.contains("org.h2")
                || !rewritten.contains("timeout-seconds=\"" + KEEP_ALIVE_SECONDS + "\"")) {
            throw new IllegalStateException("glassfish-embedded-all's domain.xml changed shape; update " + LocalGlassFish.class.getName());
        }
        Path target = Path.of(System.getProperty("parley.it.classes", "target/classes")).getParent().resolve("it-domain.xml");
        try {
            Files.writeString(target, rewritten);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target.toAbsolutePath();
    }
}
