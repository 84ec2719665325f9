package dev.parley.standalone.internal.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the build's version (filtered into {@code version.properties} by Maven) and the Java runtime. */
public final class Version implements IVersionProvider {
    static final String RESOURCE = "/dev/parley/standalone/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"Parley chat-server " + version() + " (Java " + Runtime.version() + ")"};
    }

    /** The build's version, such as {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
