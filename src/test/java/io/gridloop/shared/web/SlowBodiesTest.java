package io.gridloop.shared.web;

import static io.gridloop.support.Api.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.gridloop.support.RawAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Clients that send their bodies slowly (more of them than there are worker threads, signed in or not)
 * leave the service answering everyone else: bodies within the general limit are read before a worker
 * thread takes the request; larger ones (imports, uploads) are read by the REST layer on a thread, at most
 * gridloop.http.large-body-requests at once, the rest refused 503 busy; and a path that takes large bodies
 * reads none for a caller without credentials.
 */
@QuarkusTest
class SlowBodiesTest {

    /** A sign-in whose body is declared {@link #LENGTH} bytes long: its first bytes, the rest held back. */
    private static final int LENGTH = 100;
    private static final String SIGN_IN = pad("{\"username\":\"resident1\",\"password\":\"not-the-password\"}");

    private static String pad(String json) {
        return json + " ".repeat(LENGTH - json.length());
    }

    @Test
    void bodies_sent_slowly_hold_no_worker_thread() throws IOException {
        int threads = ConfigProvider.getConfig().getValue("quarkus.thread-pool.max-threads", Integer.class);
        String resident = "Authorization: Bearer " + token("resident1") + "\r\n";
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < threads + 8; i++) {
                slow.add(open(i % 2 == 0 ? head("/api/v1/auth/login", "", "application/json", LENGTH) + SIGN_IN.substring(0, 20)
                        : head("/api/v1/tickets", resident, "application/json", 100_000) + "{\"categoryCode\":"));
            }
            assertAnswersMeanwhile(slow.size() + " bodies");

            Socket signIn = slow.get(0);
            OutputStream out = signIn.getOutputStream();
            out.write(SIGN_IN.substring(20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = RawAnswers.answer(signIn.getInputStream());
            assertThat("the body read first is the body the sign-in reads", answer, startsWith("HTTP/1.1 401"));
            assertThat(answer, containsString("urn:gridloop:problem:invalid-credentials"));
        } finally {
            close(slow);
        }
    }

    @Test
    void large_bodies_sent_slowly_take_only_their_share_of_the_threads() throws IOException {
        int admitted = ConfigProvider.getConfig().getValue("gridloop.http.large-body-requests", Integer.class);
        String resident = "Authorization: Bearer " + token("resident1") + "\r\n";
        String admin = "Authorization: Bearer " + token("admin") + "\r\n";
        String upload = head("/api/v1/media", resident, "multipart/form-data; boundary=x", 100_000)
                + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-";
        String importing = head("/api/v1/district/import", admin, "application/yaml", 100_000) + "district:\n";
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < admitted; i++) {
                slow.add(open(i % 2 == 0 ? upload : importing));
            }
            // the REST layer reads their bodies: wait until each holds its thread, so the next ones find no room
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readingBodies() >= admitted);
            for (String refused : List.of(upload, importing)) {
                try (Socket socket = open(refused)) {
                    String answer = RawAnswers.answer(socket.getInputStream());
                    assertThat(answer, startsWith("HTTP/1.1 503"));
                    assertThat(answer, containsString("urn:gridloop:problem:busy"));
                    assertThat(answer, containsString("Retry-After: 5"));
                }
            }
            assertAnswersMeanwhile(admitted + " large bodies");

            slow.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket socket = open(upload)) {
                    socket.setSoTimeout(1_000);
                    return !RawAnswers.answer(socket.getInputStream()).startsWith("HTTP/1.1 503");
                } catch (SocketTimeoutException admittedAndWaitingForItsBody) {
                    return true;
                }
            });
        } finally {
            close(slow);
        }
    }

    /** An upload its client gives up on is no error of the service's: logged as the client's going, without a stack. */
    @Test
    void an_upload_cut_short_by_its_client_is_no_error() throws IOException {
        Logger mappers = Logger.getLogger("io.gridloop.shared.problem.ProblemMappers");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        mappers.addHandler(capture);
        try {
            long before = readingBodies();
            Socket upload = open(head("/api/v1/media", "Authorization: Bearer " + token("resident1") + "\r\n",
                    "multipart/form-data; boundary=x", 100_000)
                    + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readingBodies() > before);
            upload.close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !logged.isEmpty());
            assertThat(logged.stream().filter(record -> record.getLevel().intValue() > Level.INFO.intValue())
                    .map(record -> record.getMessage() + " " + record.getThrown()).toList(), empty());
        } finally {
            mappers.removeHandler(capture);
        }
    }

    /** A client that asks before it sends its body (Expect: 100-continue) is asked for it at once. */
    @Test
    void a_client_that_waits_to_be_asked_for_its_body_is_asked() throws IOException {
        try (Socket socket = open("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: " + LENGTH + "\r\n\r\n")) {
            socket.setSoTimeout(2_000);
            assertThat(RawAnswers.answer(socket.getInputStream()), startsWith("HTTP/1.1 100 Continue"));
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(SIGN_IN.getBytes(StandardCharsets.US_ASCII));
            assertThat(RawAnswers.answer(socket.getInputStream()), startsWith("HTTP/1.1 401"));
        }
    }

    /** Worker threads waiting for a request body, as a thread dump shows them. */
    private static long readingBodies() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getMethodName().equals("readBlocking"))).count();
    }

    private static void assertAnswersMeanwhile(String what) {
        long started = System.nanoTime();
        given().header("Authorization", "Bearer " + token("resident2")).get("/api/v1/me").then().statusCode(200);
        assertThat("the API answered while " + what + " were still coming", Duration.ofNanos(System.nanoTime() - started),
                lessThan(Duration.ofSeconds(5)));
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** An import of 1.5 MB (within its limit, over the general one) without credentials is refused at once: its body is not waited for, let alone kept. */
    @Test
    void a_large_body_is_not_read_for_a_caller_without_credentials() throws IOException {
        for (String credentials : List.of("", "Authorization: Bearer not-a-token\r\n")) {
            try (Socket socket = open("POST /api/v1/district/import HTTP/1.1\r\nHost: localhost\r\n" + credentials
                    + "Content-Type: application/yaml\r\nContent-Length: " + 1_500_000 + "\r\n\r\ndistrict:\n")) {
                try {
                    assertThat(RawAnswers.answer(socket.getInputStream()), startsWith("HTTP/1.1 401"));
                } catch (SocketTimeoutException e) {
                    fail("no answer in 10 s: the service waits for the body of a caller it will refuse");
                }
            }
        }
    }

    private static String head(String path, String credentials, String type, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + credentials + "Content-Type: " + type
                + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static Socket open(String start) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

}
