package io.syncplane.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The images the build makes: module to image reference, read from each module's "images" profile (Jib). */
final class JibImages {

    static final Map<String, String> MODULES_WITH_IMAGES = Map.of(
            "api-service", "syncplane/api-service",
            "worker-service", "syncplane/worker-service",
            "google-emulator", "syncplane/google-emulator");

    private JibImages() {
    }

    /** module -> "syncplane/NAME:VERSION", as Jib tags it. */
    static Map<String, String> byModule() throws Exception {
        String version = text(pom(Promtool.REPO.resolve("pom.xml")).getDocumentElement(), "version");
        Map<String, String> images = new LinkedHashMap<>();
        for (String module : MODULES_WITH_IMAGES.keySet().stream().sorted().toList()) {
            images.put(module, imageOf(module).replace("${project.version}", version));
        }
        return images;
    }

    /** module whose image this reference names (any tag), or null. */
    static String moduleOf(String image, Map<String, String> images) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        return images.entrySet().stream()
                .filter(entry -> entry.getValue().substring(0, entry.getValue().lastIndexOf(':')).equals(repository))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String imageOf(String module) throws Exception {
        NodeList profiles = pom(Promtool.REPO.resolve(module).resolve("pom.xml")).getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (!"images".equals(text(profile, "id"))) {
                continue;
            }
            NodeList plugins = profile.getElementsByTagName("plugin");
            for (int j = 0; j < plugins.getLength(); j++) {
                Element plugin = (Element) plugins.item(j);
                if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                    Element to = (Element) plugin.getElementsByTagName("to").item(0);
                    return text(to, "image");
                }
            }
        }
        throw new IllegalStateException(module + "/pom.xml: no jib-maven-plugin <to><image> in profile 'images'");
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** Text of a direct child element. */
    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
