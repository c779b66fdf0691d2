package dev.corral.worker.http.parse;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields that decide how a request is framed, gathered in one pass over the head. Lists are
 * only allocated for fields that are present: a plain GET allocates one, for its Host.
 */
record FramingFields(List<String> hosts, List<String> contentLengths, List<String> transferEncodings,
                     List<String> expects) {

    static FramingFields of(HttpHeaders headers) {
        List<String> host = List.of();
        List<String> length = List.of();
        List<String> coding = List.of();
        List<String> expect = List.of();
        var it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)) {
                host = add(host, e.getValue());
            } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                length = add(length, e.getValue());
            } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)) {
                coding = add(coding, e.getValue());
            } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.EXPECT)) {
                expect = add(expect, e.getValue());
            }
        }
        return new FramingFields(host, length, coding, expect);
    }

    private static List<String> add(List<String> list, CharSequence value) {
        List<String> out = list.isEmpty() ? new ArrayList<>(1) : list;
        out.add(value.toString());
        return out;
    }
}
