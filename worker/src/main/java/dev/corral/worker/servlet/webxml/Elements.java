package dev.corral.worker.servlet.webxml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Typed reads of a descriptor's elements: children by name in the descriptor's namespace, trimmed
 * text, booleans and numbers, each failure a {@link WebXmlException} that names the source and
 * the element. Pure logic on the calling thread.
 */
final class Elements {
    private final String namespace;
    private final String source;

    /** @param namespace the root element's namespace; null for an old descriptor without one */
    Elements(String namespace, String source) {
        this.namespace = namespace;
        this.source = source;
    }

    WebXmlException fail(String problem) {
        return new WebXmlException(source, problem);
    }

    /**
     * The child elements in the descriptor's namespace; those of any other namespace are vendor
     * extensions and are skipped.
     */
    List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Objects.equals(e.getNamespaceURI(), namespace)) {
                found.add(e);
            }
        }
        return found;
    }

    List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Element e : children(parent)) {
            if (e.getLocalName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The one child named {@code name}, or null; two of them is an error. */
    Element optional(Element parent, String name, String where) throws WebXmlException {
        List<Element> found = children(parent, name);
        if (found.size() > 1) {
            throw fail(where + " has " + found.size() + " <" + name + "> elements, at most one is allowed");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The text of an element, trimmed. */
    static String text(Element e) {
        return e.getTextContent().trim();
    }

    /** The trimmed text of the one child named {@code name}, or null if there is none. */
    String optionalText(Element parent, String name, String where) throws WebXmlException {
        Element e = optional(parent, name, where);
        return e == null ? null : text(e);
    }

    /** The trimmed text of the one child named {@code name}, which must be there and not be empty. */
    String requiredText(Element parent, String name, String where) throws WebXmlException {
        String value = optionalText(parent, name, where);
        if (value == null || value.isEmpty()) {
            throw fail(where + " has no <" + name + ">");
        }
        return value;
    }

    boolean bool(Element parent, String name, boolean absent, String where) throws WebXmlException {
        String value = optionalText(parent, name, where);
        return value == null ? absent : bool(value, "<" + name + "> of " + where);
    }

    /** xsd:boolean: true, false, 1 or 0 (case aside); anything else is an error, not false. */
    boolean bool(String value, String what) throws WebXmlException {
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        throw fail(what + " is \"" + value + "\", not true or false");
    }

    long number(String value, String what) throws WebXmlException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw fail(what + " is \"" + value + "\", not a whole number");
        }
    }

    int integer(String value, String what) throws WebXmlException {
        long n = number(value, what);
        if (n != (int) n) {
            throw fail(what + " is " + value + ", out of range");
        }
        return (int) n;
    }

    /**
     * The param-name/param-value pairs of the children named {@code name} (init-param,
     * context-param), in order. A name given twice is an error: which value a container keeps
     * differs between containers, and the schema makes context-param names unique.
     */
    Map<String, String> params(Element parent, String name, String where) throws WebXmlException {
        Map<String, String> params = new LinkedHashMap<>();
        for (Element p : children(parent, name)) {
            String key = requiredText(p, "param-name", "a <" + name + "> of " + where);
            String value = optionalText(p, "param-value", "<" + name + "> \"" + key + "\" of " + where);
            if (params.put(key, value == null ? "" : value) != null) {
                throw fail(where + " has two <" + name + "> named \"" + key + "\"");
            }
        }
        return params;
    }
}
