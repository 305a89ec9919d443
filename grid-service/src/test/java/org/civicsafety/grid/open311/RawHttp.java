package org.civicsafety.grid.open311;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so a test can send exactly the bytes a broken client would (a lone '%' in a query
 * string, invalid UTF-8 in a body), which HTTP client libraries refuse to build.
 */
final class RawHttp {
    private RawHttp() {}

    record Reply(int status, String contentType, String body) {}

    static Reply send(String method, String target, String token, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", RestAssured.port)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Reply parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String type = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        return new Reply(status, type, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int eol = indexOfCrLf(in, i);
            int size = Integer.parseInt(new String(in, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(),
                    16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in, eol + 2, size);
            i = eol + 2 + size + 2;
        }
    }

    private static int indexOfCrLf(byte[] in, int from) throws IOException {
        for (int i = from; i + 1 < in.length; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n') {
                return i;
            }
        }
        throw new IOException("truncated chunked body");
    }
}
