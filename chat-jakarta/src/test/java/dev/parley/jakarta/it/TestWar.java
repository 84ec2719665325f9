package dev.parley.jakarta.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A WAR as an application that embeds Parley would ship it: chat-jakarta's classes and resources
 * as a jar in WEB-INF/lib (so its listener is found by the container's scan of library jars),
 * chat-core and its libraries beside it, and a web.xml holding only {@code parley.*} settings.
 */
final class TestWar {
    private TestWar() {
    }

    static WebArchive create(String name, Map<String, String> contextParams, Class<?>... extraClasses) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(directoryJar("chat-jakarta.jar", Path.of(System.getProperty("parley.it.classes"))))
                .addClasses(extraClasses)
                .setWebXML(new StringAsset(webXml(contextParams)));
        for (String entry : libraries()) {
            Path path = Path.of(entry);
            war.addAsLibrary(Files.isDirectory(path) ? directoryJar(path.getParent().getParent().getFileName() + ".jar", path)
                    : ShrinkWrap.createFromZipFile(JavaArchive.class, path.toFile()));
        }
        return war;
    }

    private static JavaArchive directoryJar(String name, Path directory) {
        return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(directory.toFile()).as(JavaArchive.class);
    }

    /** chat-core (a directory or a jar, depending on the reactor phase) and the libraries it needs at run time. */
    private static String[] libraries() {
        Path list = Path.of(System.getProperty("parley.it.warLibraries"));
        try {
            String classpath = Files.readString(list).trim();
            return classpath.isEmpty() ? new String[0] : classpath.split(File.pathSeparator);
        } catch (IOException e) {
            throw new UncheckedIOException("run the ITs through Maven: " + list + " is written by the dependency plugin", e);
        }
    }

    private static String webXml(Map<String, String> contextParams) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        contextParams.forEach((key, value) -> xml.append("  <context-param><param-name>").append(key)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        return xml.append("</web-app>\n").toString();
    }
}
