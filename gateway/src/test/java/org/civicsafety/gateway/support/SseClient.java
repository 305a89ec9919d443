package org.civicsafety.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Listens to an event stream of the gateway and keeps what arrived, for tests to read. */
public final class SseClient implements AutoCloseable {

    /** One event as a client reads it. */
    public record Event(String id, String type, String data) {}

    private final Vertx vertx = Vertx.vertx();
    private final StringBuilder received = new StringBuilder();
    private HttpClientResponse response;

    /** Connects and waits for the answer's head. */
    public SseClient(URL gateway, String path, Map<String, String> headers) throws Exception {
        HttpClient client = vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(gateway.getHost())
                .setPort(gateway.getPort()).setURI(path);
        headers.forEach(options::putHeader);
        // the handler is set on the event loop as the head arrives: what follows it at once is not lost
        response = client.request(options).compose(request -> request.send()).map(received -> {
            received.handler(chunk -> {
                synchronized (this.received) {
                    this.received.append(chunk.toString());
                }
            });
            return received;
        }).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.getHeader(name);
    }

    /** Everything received so far. */
    public String text() {
        synchronized (received) {
            return received.toString();
        }
    }

    /** The complete events received so far (comments and incomplete blocks left out). */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        String text = text().replace("\r\n", "\n");
        int end;
        while ((end = text.indexOf("\n\n")) >= 0) {
            String block = text.substring(0, end);
            text = text.substring(end + 2);
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                if (line.startsWith(":") || line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                String value = line.substring(colon + 1);
                fields.merge(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value,
                        (a, b) -> a + "\n" + b);
            }
            if (fields.containsKey("data")) {
                events.add(new Event(fields.get("id"), fields.get("event"), fields.get("data")));
            }
        }
        return events;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
