package io.gridloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Writes a download without holding a thread while the client reads it: a chunk is read on a worker
 * thread, handed to the connection, and the next one read only once the connection has taken it. A
 * client that stops reading holds its connection and the open content until the idle timeout ends
 * both, never a thread (each worker thread is one request's, and there are only as many as connections).
 */
@Provider
@Singleton
class DownloadWriter implements ServerMessageBodyWriter<MediaService.Download> {

    private static final Logger LOG = Logger.getLogger(DownloadWriter.class);
    /** How much is read at a time: what a connection holds between two reads. */
    static final int CHUNK = 64 * 1024;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return MediaService.Download.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MediaService.Download.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(MediaService.Download download, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        request.suspend();
        context.serverResponse().setResponseHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(download.size()));
        next(download, 0, request);
    }

    private static void next(MediaService.Download download, long written, ResteasyReactiveRequestContext request) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            ServerHttpResponse response = request.serverResponse();
            byte[] chunk;
            try {
                chunk = download.content().readNBytes(CHUNK);
            } catch (IOException e) {
                download.discard();
                request.resume(e);
                return;
            }
            if (chunk.length == 0) {
                download.discard();
                if (written != download.size()) {
                    // the stored content is not the size recorded for it: break the answer rather than leave the client waiting
                    LOG.errorf("%s has %d bytes where %d were recorded", download.filename(), written, download.size());
                    response.reset();
                } else {
                    response.end();
                }
                request.resume();
                return;
            }
            response.write(chunk).whenComplete((done, failure) -> {
                if (failure == null) {
                    next(download, written + chunk.length, request);
                } else {
                    // the client went away before the end: nothing more to send, and nothing to answer
                    download.discard();
                    request.resume();
                }
            });
        });
    }

    /** Outside a request's own connection (never the case for the media paths): the content copied as it is read. */
    @Override
    public void writeTo(MediaService.Download download, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        try (InputStream in = download.content()) {
            in.transferTo(out);
        }
    }
}
