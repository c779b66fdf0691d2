package dev.corral.worker.servlet.webxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Entity;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a descriptor into a DOM without ever reaching outside the stream: no DTD, no external
 * entity, no XInclude, no schema. Old descriptors carry a DOCTYPE naming a DTD on java.sun.com;
 * fetching it would make a boot depend on the network, and an external entity is the classic way
 * (XXE) to make a parser read a local file into the document. Pure logic on the calling thread.
 *
 * <p>Entities declared in the document itself are expanded, within the JDK's limits. A document
 * that declares an external entity is refused rather than read with a hole where the entity was.
 * A reference to an entity declared only in an external DTD is dropped without a word, since that
 * DTD is never read; the web-app DTDs declare none.
 */
final class SecureDom {
    private SecureDom() {
    }

    static Document parse(InputStream in, String source) throws WebXmlException {
        DocumentBuilder builder = builder(source);
        try {
            Document doc = builder.parse(new InputSource(in));
            refuseExternalEntities(doc.getDoctype(), source);
            return doc;
        } catch (SAXParseException e) {
            throw new WebXmlException(source, "malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new WebXmlException(source, "malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WebXmlException(source, "cannot be read: " + e, e);
        }
    }

    // The parser skips an external entity's references (the features below), which would leave a
    // descriptor with silently missing text: better to say why it cannot be read.
    private static void refuseExternalEntities(DocumentType doctype, String source) throws WebXmlException {
        NamedNodeMap entities = doctype == null ? null : doctype.getEntities();
        for (int i = 0; entities != null && i < entities.getLength(); i++) {
            Entity entity = (Entity) entities.item(i);
            if (entity.getSystemId() != null || entity.getPublicId() != null) {
                throw new WebXmlException(source, "declares the external entity \"" + entity.getNodeName()
                        + "\": a descriptor must be self-contained, Corral reads no other file for it");
            }
        }
    }

    private static DocumentBuilder builder(String source) throws WebXmlException {
        // The JDK's own parser, not whatever DocumentBuilderFactory an application's jar might
        // register as a service: the settings below are known to hold for this one.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(true); // internal entities become text
        factory.setIgnoringComments(true);
        factory.setCoalescing(true);
        try {
            // Also caps entity expansion, which defeats "billion laughs" in an internal subset.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Belt and braces: should anything still ask for an entity, it gets nothing.
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(THROWING);
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new WebXmlException(source, "cannot be parsed securely by this JDK: " + e.getMessage(), e);
        }
    }

    // The default handler prints "[Fatal Error]" lines to stderr before throwing; Corral reports
    // the exception once, in its own log.
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
