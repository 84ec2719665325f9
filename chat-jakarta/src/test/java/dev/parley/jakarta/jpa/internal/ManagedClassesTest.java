package dev.parley.jakarta.jpa.internal;

import dev.parley.jakarta.jpa.JpaStores;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link JpaStores#managedClassNames()} is the class list of {@code META-INF/persistence.xml}, so a host's unit gets every entity. */
class ManagedClassesTest {
    @Test
    void theListIsTheOneOfPersistenceXml() throws Exception {
        List<String> declared = new ArrayList<>();
        try (InputStream in = JpaStores.class.getResourceAsStream("/META-INF/persistence.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList classes = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "class");
            for (int i = 0; i < classes.getLength(); i++) {
                declared.add(classes.item(i).getTextContent().trim());
            }
        }
        assertEquals(declared, JpaStores.managedClassNames());
    }
}
