package io.gridloop.surface;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte over one kept-alive socket, so a request can carry what a proper
 * client refuses to send: broken percent escapes, control characters, invalid UTF-8, no Content-Type.
 * Not thread-safe: one per worker.
 */
final class RawHttp implements AutoCloseable {

    /** A request as sent: the request target is written as given, headers in order. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    record Response(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response send(Request request) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            // the server closed a kept-alive connection between two requests: once more on a new one
            return exchange(request);
        }
    }

    private Response exchange(Request request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(20_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : request.headers()) {
            head.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (request.body() != null) {
            head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            head.writeBytes(request.body());
        }
        try {
            out.write(head.toByteArray());
            out.flush();
        } catch (IOException e) {
            // answered and closed before the whole body was read (413): the answer may still be there
        }
        Response response = read(request.method());
        if ("close".equalsIgnoreCase(response.header("connection"))) {
            close();
        }
        return response;
    }

    private Response read(String method) throws IOException {
        String statusLine = line();
        if (statusLine.isEmpty()) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                chunks.writeBytes(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Response(status, headers, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection that is gone already
            }
        }
        socket = null;
    }
}
