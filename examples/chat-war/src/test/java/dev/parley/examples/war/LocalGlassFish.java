package dev.parley.examples.war;

import org.jboss.arquillian.config.descriptor.api.ArquillianDescriptor;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives embedded GlassFish a domain.xml that listens on 127.0.0.1 only, on a free port, without
 * https: the jar's own configuration, rewritten before Arquillian reads the container settings.
 * Everything else stays GlassFish's default, including the Derby database behind
 * {@code java:comp/DefaultDataSource} that the example WAR's persistence unit uses.
 */
public final class LocalGlassFish implements LoadableExtension {

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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path writeDomainXml(int port) throws IOException {
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
                .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        if (!rewritten.contains("address=\"127.0.0.1\" port=\"" + port + "\"") || rewritten.contains("0.0.0.0")) {
            throw new IllegalStateException("glassfish-embedded-all's domain.xml changed shape; update " + LocalGlassFish.class.getName());
        }
        Path target = Path.of(System.getProperty("parley.it.domainXml", "target/it-domain.xml"));
        Files.writeString(target, rewritten);
        return target.toAbsolutePath();
    }
}
