package org.civicsafety.grid.open311;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes {@link Open311Document}s as GeoReport v2 XML with one shared {@link XmlMapper}. */
@Provider
@Produces({"text/xml", MediaType.APPLICATION_XML})
public class Open311XmlWriter implements MessageBodyWriter<Open311Document> {
    /** Written by hand: Jackson's own declaration uses single quotes and "UTF-8", clients have seen this one. */
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            .getBytes(StandardCharsets.UTF_8);
    private static final XmlMapper XML = mapper();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Open311Document.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Open311Document document, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(DECLARATION);
        XML.writeValue(out, document);
    }

    private static XmlMapper mapper() {
        WstxOutputFactory stax = new WstxOutputFactory();
        // stored texts may hold control characters that XML 1.0 cannot carry: a space, not a broken document
        stax.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler(' '));
        XmlMapper mapper = new XmlMapper(new XmlFactory(null, stax));
        // the container owns the response stream
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        return mapper;
    }
}
