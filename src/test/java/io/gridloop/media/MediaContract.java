package io.gridloop.media;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.token;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import io.gridloop.member.MemberTest;
import io.gridloop.support.Api;
import io.gridloop.support.RawAnswers;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Media over HTTP, the same cases for each store (a subclass per store): what is taken, what is stored
 * (no location, no identifying metadata, upright), who may read it, attaching to tickets, storing
 * identical content once, and that nothing stays behind after a rollback or a day unattached.
 */
public abstract class MediaContract {

    static final String MEDIA = "/api/v1/media";

    @Inject
    MediaStore store;
    @Inject
    MediaRecords records;
    @Inject
    MediaRetention retention;
    @Inject
    MediaInspector inspector;
    @Inject
    TestClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Response upload(String username, String filename, byte[] bytes, String declaredType) {
        return given().header("Authorization", "Bearer " + token(username))
                .multiPart("file", filename, bytes, declaredType).post(MEDIA);
    }

    public static long uploaded(String username, byte[] bytes) {
        return upload(username, "photo.jpg", bytes, "image/jpeg").then().statusCode(201)
                .extract().<Number> path("id").longValue();
    }

    public static byte[] download(String username, long id) {
        return given().header("Authorization", "Bearer " + token(username)).get(MEDIA + "/" + id)
                .then().statusCode(200).extract().asByteArray();
    }

    private byte[] stored(String key) {
        try (InputStream in = store.open(key).orElseThrow()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> ticket(String title, List<Long> attachmentIds) {
        return Map.of("categoryCode", "GARBAGE", "title", title, "description", "楼道里的垃圾三天没人清运。",
                "attachmentIds", attachmentIds);
    }

    // ---- what is stored ------------------------------------------------------------------------

    @Test
    void a_photo_is_stored_without_its_location_serial_owner_or_xmp_and_upright() throws Exception {
        byte[] photo = Photos.jpegWithLocation(640, 480, 6);
        assertNotNull(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo)).getFirstDirectoryOfType(GpsDirectory.class),
                "the test photo carries GPS");
        Response created = upload("resident1", "IMG_0001.jpg", photo, "image/jpeg");
        created.then().statusCode(201).header("Location", startsWith("http://localhost:8080" + MEDIA + "/"))
                .body("contentType", equalTo("image/jpeg")).body("width", equalTo(480)).body("height", equalTo(640))
                .body("thumbnail", equalTo(true));
        String sha256 = created.path("sha256");
        long id = created.<Number> path("id").longValue();

        byte[] kept = stored(MediaRecords.objectKey(sha256));
        assertArrayEquals(kept, download("resident1", id), "what is served is what is stored");
        for (byte[] bytes : List.of(kept, stored(MediaRecords.thumbnailKey(sha256)))) {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            for (Class<? extends Directory> kind : List.of(GpsDirectory.class, ExifIFD0Directory.class, ExifSubIFDDirectory.class,
                    XmpDirectory.class)) {
                assertNull(metadata.getFirstDirectoryOfType(kind), kind.getSimpleName() + " was stored");
            }
            for (byte[] latitude : Photos.latitudeBytes()) {
                assertFalse(Photos.contains(bytes, latitude), "the latitude's bytes were stored");
            }
            for (String mark : List.of(Photos.SERIAL, Photos.OWNER, Photos.XMP_MARK, "GridPhone", "Exif")) {
                assertFalse(Photos.contains(bytes, mark.getBytes(StandardCharsets.UTF_8)), mark + " was stored");
            }
        }
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(kept));
        assertEquals(480, upright.getWidth());
        // orientation 6 (turn 90° clockwise to view): the black top-left quarter is now top-right
        assertTrue(new Color(upright.getRGB(400, 40)).getRed() < 60, "the photo was not turned upright");
        assertTrue(new Color(upright.getRGB(40, 40)).getRed() > 200, "the photo was not turned upright");
    }

    @Test
    void a_webp_photo_is_stored_as_jpeg_without_its_location() throws Exception {
        byte[] webp = Files.readAllBytes(Path.of("src/test/resources/media/photo-with-location.webp"));
        assertNotNull(ImageMetadataReader.readMetadata(new ByteArrayInputStream(webp)).getFirstDirectoryOfType(GpsDirectory.class),
                "the fixture carries GPS");
        Response created = upload("resident1", "photo.png", webp, "image/png");
        created.then().statusCode(201).body("contentType", equalTo("image/jpeg")).body("width", equalTo(48))
                .body("height", equalTo(64));
        byte[] kept = stored(MediaRecords.objectKey(created.path("sha256")));
        assertNull(ImageMetadataReader.readMetadata(new ByteArrayInputStream(kept)).getFirstDirectoryOfType(GpsDirectory.class));
        assertFalse(Photos.contains(kept, Photos.SERIAL.getBytes(StandardCharsets.UTF_8)));
        for (byte[] latitude : Photos.latitudeBytes()) {
            assertFalse(Photos.contains(kept, latitude));
        }
    }

    @Test
    void a_png_stays_png_and_a_pdf_is_kept_as_sent() {
        upload("resident1", "x.bin", Photos.png(50, 20, Color.BLUE), "application/octet-stream").then().statusCode(201)
                .body("contentType", equalTo("image/png")).body("width", equalTo(50)).body("height", equalTo(20));
        byte[] pdf = Photos.pdf();
        Response created = upload("resident1", "report.jpg", pdf, "image/jpeg");
        created.then().statusCode(201).body("contentType", equalTo("application/pdf")).body("width", nullValue())
                .body("thumbnail", equalTo(false)).body("size", equalTo(pdf.length));
        long id = created.<Number> path("id").longValue();
        assertArrayEquals(pdf, download("resident1", id));
        given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + id + "/thumbnail")
                .then().statusCode(404);
    }

    @Test
    void identical_content_is_stored_once() throws IOException {
        byte[] photo = Photos.jpegWithLocation(120, 90, 1);
        Response first = upload("resident1", "a.jpg", photo, "image/jpeg");
        Response second = upload("resident2", "b.jpg", photo, "image/jpeg");
        String sha256 = first.path("sha256");
        assertEquals(sha256, second.path("sha256"));
        assertFalse(first.path("id").equals(second.path("id")));
        long copies = store.list("objects/", null, 1000).stream().filter(s -> s.key().equals(MediaRecords.objectKey(sha256))).count();
        assertEquals(1, copies);
    }

    // ---- what is refused -------------------------------------------------------------------------

    @Test
    void the_type_is_decided_by_the_bytes_not_the_name_or_declared_type() {
        upload("resident1", "photo.jpg", "just text, not a photo".getBytes(StandardCharsets.UTF_8), "image/jpeg").then()
                .statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        upload("resident1", "page.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "image/png")
                .then().statusCode(415);
        byte[] heic = Photos.concat(new byte[] { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i',
                'f', '1', 'h', 'e', 'i', 'c' }, new byte[64]);
        upload("resident1", "IMG_0002.HEIC", heic, "image/heic").then().statusCode(415);
    }

    @Test
    void something_that_starts_as_an_image_but_is_not_one_is_422() {
        byte[] fake = Photos.concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0 },
                Photos.concat("garbage that no decoder takes".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xFF, (byte) 0xD9 }));
        upload("resident1", "photo.jpg", fake, "image/jpeg").then().statusCode(422).body("status", equalTo(422));
    }

    @Test
    void a_photo_cut_short_is_422_and_says_so() {
        byte[] photo = Photos.jpeg(40, 30, Color.GREEN);
        upload("resident1", "cut.jpg", Arrays.copyOf(photo, photo.length - 2), "image/jpeg").then().statusCode(422)
                .body("detail", containsString("截断"));
    }

    @Test
    void polyglots_are_422() {
        byte[] photo = Photos.jpeg(40, 30, Color.GREEN);
        upload("resident1", "a.jpg", Photos.concat(photo, Photos.zipTail()), "image/jpeg").then().statusCode(422);
        upload("resident1", "a.jpg", Photos.concat(photo, "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII)),
                "image/jpeg").then().statusCode(422);
        upload("resident1", "a.jpg", Photos.concat(photo, Photos.pdf()), "image/jpeg").then().statusCode(422);
        // a PDF header inside a whole image
        byte[] withPdf = Photos.concat(Photos.concat(Arrays.copyOf(photo, photo.length - 2), Photos.pdf()),
                new byte[] { (byte) 0xFF, (byte) 0xD9 });
        upload("resident1", "a.jpg", withPdf, "image/jpeg").then().statusCode(422).body("detail", containsString("PDF 头"));
        // a PDF behind an image header: read as a JPEG it does not end as one
        upload("resident1", "a.pdf", Photos.concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, Photos.pdf()),
                "application/pdf").then().statusCode(422);
        upload("resident1", "a.png", Photos.concat(Photos.png(10, 10, Color.RED), Photos.zipTail()), "image/png").then().statusCode(422);
        upload("resident1", "a.pdf", Photos.concat(Photos.pdf(), Photos.zipTail()), "application/pdf").then().statusCode(422);
    }

    @Test
    void a_decompression_bomb_is_refused_before_decoding() {
        upload("resident1", "bomb.png", Photos.pngDeclaring(100_000, 100_000), "image/png").then().statusCode(422)
                .body("detail", containsString("100000"));
        upload("resident1", "wide.png", Photos.pngDeclaring(11_000, 11_000), "image/png").then().statusCode(422);
    }

    @Test
    void a_file_over_the_limit_is_413_and_a_missing_file_400() {
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        upload("resident1", "big.pdf", tooLarge, "application/pdf").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        given().header("Authorization", "Bearer " + token("resident1")).multiPart("other", "x").post(MEDIA).then()
                .statusCode(400).body("violations.field", hasItem("file"));
    }

    @Test
    void a_body_that_is_not_whole_multipart_is_400_and_keeps_nothing() {
        long before = Sql.count(dataSource, "SELECT count(*) FROM media");
        for (String body : List.of("{\"a\":1}", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4",
                "--x\r\n: no name\r\n\r\nx\r\n--x--\r\n")) {
            given().header("Authorization", "Bearer " + token("resident1"))
                    .contentType("multipart/form-data; boundary=x").body(body.getBytes(StandardCharsets.UTF_8)).post(MEDIA)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:gridloop:problem:malformed-body")).body("detail", containsString("multipart"));
        }
        assertEquals(before, Sql.count(dataSource, "SELECT count(*) FROM media"));
    }

    @Test
    void integrations_and_the_anonymous_may_not_upload() {
        given().multiPart("file", "a.pdf", Photos.pdf(), "application/pdf").post(MEDIA).then().statusCode(401);
    }

    // ---- reading ---------------------------------------------------------------------------------

    @Test
    void a_download_says_exactly_what_it_is_and_is_cached_privately_by_its_hash() {
        Response created = upload("resident1", "p.jpg", Photos.jpeg(400, 200, Color.CYAN), "image/jpeg");
        long id = created.<Number> path("id").longValue();
        String etag = "\"" + created.path("sha256") + "\"";
        io.restassured.http.Headers headers = given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + id)
                .then().statusCode(200).contentType("image/jpeg").header("ETag", etag)
                .header("Content-Disposition", "inline; filename=\"media-" + id + ".jpg\"")
                .header("Content-Security-Policy", startsWith("sandbox")).extract().headers();
        assertEquals(List.of("private, max-age=31536000, immutable"), headers.getValues("Cache-Control"),
                "one caching rule, the upload's own, not the API's no-store beside it");
        assertEquals(List.of("nosniff"), headers.getValues("X-Content-Type-Options"));
        given().header("Authorization", "Bearer " + token("resident1")).header("If-None-Match", etag).get(MEDIA + "/" + id)
                .then().statusCode(304);
        byte[] thumbnail = given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + id + "/thumbnail")
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        try {
            BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail));
            assertEquals(320, small.getWidth());
            assertEquals(160, small.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long pdf = uploaded("resident1", Photos.pdf());
        given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + pdf).then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"media-" + pdf + ".pdf\"");
    }

    /**
     * A download holds no worker thread while its client is slow to read: more clients than there are worker
     * threads take one large file each and stop reading after its head, and the API still answers at once. (Before,
     * each download was written from a worker thread, which waited for the client until the idle timeout.)
     */
    @Test
    void downloads_to_clients_that_stop_reading_hold_no_worker_thread() throws IOException {
        byte[] large = Photos.pdfOf(9 * 1024 * 1024);
        long id = uploaded("resident1", large);
        byte[] whole = given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + id).then().statusCode(200)
                .header("Content-Length", String.valueOf(large.length)).extract().asByteArray();
        assertArrayEquals(large, whole, "chunk after chunk, the whole of it");
        int threads = ConfigProvider.getConfig().getValue("quarkus.thread-pool.max-threads", Integer.class);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < threads + 8; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5_000);
                socket.setSoTimeout(10_000);
                stalled.add(socket);
                socket.getOutputStream().write(("GET " + MEDIA + "/" + id + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token("resident1") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    assertThat(RawAnswers.head(socket.getInputStream()), startsWith("HTTP/1.1 200"));
                } catch (SocketTimeoutException e) {
                    fail("download " + (i + 1) + " had no answer in 10 s: the " + i + " before it hold the worker threads");
                }
            }
            long started = System.nanoTime();
            given().header("Authorization", "Bearer " + token("resident2")).get("/api/v1/me").then().statusCode(200);
            assertThat("the API answered while " + stalled.size() + " downloads waited for their clients",
                    Duration.ofNanos(System.nanoTime() - started), lessThan(Duration.ofSeconds(5)));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void an_unattached_upload_is_its_uploaders_alone() {
        long id = uploaded("resident1", Photos.jpeg(30, 30, Color.PINK));
        download("resident1", id);
        for (String other : List.of("resident2", "leader1", "admin", "resident3")) {
            given().header("Authorization", "Bearer " + token(other)).get(MEDIA + "/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    // ---- attaching -------------------------------------------------------------------------------

    @Test
    void a_filing_answers_its_photos_as_the_ticket_shows_them_later() {
        long first = uploaded("resident1", Photos.jpegWithLocation(120, 80, 1));
        long second = uploaded("resident1", Photos.jpegWithLocation(120, 80, 2));
        long ticketId = as("resident1").body(ticket("两处路灯不亮", List.of(second, first))).post("/api/v1/tickets").then()
                .statusCode(201).body("attachmentIds", contains((int) first, (int) second)).extract().<Number> path("id").longValue();
        as("resident1").get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .body("attachmentIds", contains((int) first, (int) second));
    }

    @Test
    void a_ticket_filed_and_resolved_with_photos_shows_them_to_whoever_sees_the_ticket() {
        long before = uploaded("resident1", Photos.jpegWithLocation(200, 100, 1));
        long ticketId = as("resident1").body(ticket("楼下垃圾堆积", List.of(before))).post("/api/v1/tickets").then()
                .statusCode(201).body("attachmentIds", contains((int) before)).extract().<Number> path("id").longValue();
        download("leader1", before);
        download("secretary1", before);
        given().header("Authorization", "Bearer " + token("resident2")).get(MEDIA + "/" + before).then().statusCode(404);
        given().header("Authorization", "Bearer " + token("resident3")).get(MEDIA + "/" + before).then().statusCode(404);

        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + ticketId + "/dispatch").then().statusCode(200);
        as("party1").body(Map.of()).post("/api/v1/tickets/" + ticketId + "/claim").then().statusCode(200);
        long progress = uploaded("party1", Photos.jpeg(60, 60, Color.GRAY));
        as("party1").body(Map.of("text", "已联系物业", "attachmentIds", List.of(progress)))
                .post("/api/v1/tickets/" + ticketId + "/notes").then().statusCode(200)
                .body("attachmentIds", contains((int) before, (int) progress));
        long after = uploaded("party1", Photos.jpeg(80, 60, Color.WHITE));
        as("party1").body(Map.of("resolution", "垃圾已清运", "attachmentIds", List.of(after)))
                .post("/api/v1/tickets/" + ticketId + "/resolve").then().statusCode(200)
                .body("attachmentIds", contains((int) before, (int) progress, (int) after));
        download("resident1", after);
        as("resident1").get("/api/v1/tickets/" + ticketId + "/timeline").then().statusCode(200)
                .body("find { it.action == 'file' }.attachmentIds", contains((int) before))
                .body("find { it.action == 'note' }.attachmentIds", contains((int) progress))
                .body("find { it.action == 'resolve' }.attachmentIds", contains((int) after))
                .body("find { it.action == 'claim' }.attachmentIds", empty());
    }

    @Test
    void the_first_photo_a_note_attaches_to_a_ticket_is_in_the_notes_answer() {
        long ticketId = as("resident1").body(ticket(unique("路灯不亮-"), List.of())).post("/api/v1/tickets").then()
                .statusCode(201).body("attachmentIds", empty()).extract().<Number> path("id").longValue();
        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + ticketId + "/dispatch").then().statusCode(200);
        as("party1").body(Map.of()).post("/api/v1/tickets/" + ticketId + "/claim").then().statusCode(200)
                .body("attachmentIds", empty());
        long photo = uploaded("party1", Photos.jpeg(60, 60, Color.GRAY));
        as("party1").body(Map.of("text", "现场照片", "attachmentIds", List.of(photo)))
                .post("/api/v1/tickets/" + ticketId + "/notes").then().statusCode(200)
                .body("attachmentIds", contains((int) photo));
    }

    @Test
    void only_the_uploaders_own_unattached_uploads_may_be_attached() {
        long theirs = uploaded("resident2", Photos.jpeg(20, 20, Color.YELLOW));
        String title = "别人的照片" + UUID.randomUUID().toString().substring(0, 6);
        as("resident1").body(ticket(title, List.of(theirs))).post("/api/v1/tickets").then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("attachmentIds"));
        as("resident1").queryParam("q", title).get("/api/v1/tickets").then().statusCode(200).body("items", empty());

        long mine = uploaded("resident1", Photos.jpeg(22, 22, Color.YELLOW));
        as("resident1").body(ticket("第一次", List.of(mine))).post("/api/v1/tickets").then().statusCode(201);
        as("resident1").body(ticket("第二次", List.of(mine))).post("/api/v1/tickets").then().statusCode(422)
                .body("violations.field", hasItem("attachmentIds"));
        long again = uploaded("resident1", Photos.jpeg(24, 24, Color.YELLOW));
        as("resident1").body(ticket("重复", List.of(again, again))).post("/api/v1/tickets").then().statusCode(422);
        as("resident1").body(ticket("不存在", List.of(Long.MAX_VALUE))).post("/api/v1/tickets").then().statusCode(422);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_replays_the_upload() {
        byte[] photo = Photos.jpeg(33, 33, Color.MAGENTA);
        String key = UUID.randomUUID().toString();
        long first = given().header("Authorization", "Bearer " + token("resident1")).header("Idempotency-Key", key)
                .multiPart("file", "a.jpg", photo, "image/jpeg").post(MEDIA).then().statusCode(201).extract().<Number> path("id").longValue();
        given().header("Authorization", "Bearer " + token("resident1")).header("Idempotency-Key", key)
                .multiPart("file", "a.jpg", photo, "image/jpeg").post(MEDIA).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) first));
        given().header("Authorization", "Bearer " + token("resident1")).header("Idempotency-Key", key)
                .multiPart("file", "a.jpg", Photos.jpeg(34, 34, Color.MAGENTA), "image/jpeg").post(MEDIA).then().statusCode(422);
    }

    // ---- what is removed -------------------------------------------------------------------------

    @Test
    void a_rolled_back_upload_leaves_nothing_once_the_reaper_ran(@TempDir Path dir) throws IOException {
        Path photo = dir.resolve("photo.bin");
        Files.write(photo, Photos.jpeg(77, 55, Color.ORANGE));
        Inspected upload = inspector.inspect(photo);
        String staged = "staging/" + UUID.randomUUID();
        store.put(staged, upload.content(), upload.contentType());
        String thumb = "staging/" + UUID.randomUUID();
        store.put(thumb, upload.thumbnail(), MediaInspector.JPEG);
        QuarkusTransaction.begin();
        records.save(1, 1, upload, staged, thumb);
        QuarkusTransaction.rollback();
        upload.discard();
        assertTrue(store.writtenAt(staged).isEmpty(), "staged content stays after a rollback");
        assertTrue(store.writtenAt(MediaRecords.objectKey(upload.sha256())).isPresent(), "made final before the commit");
        retention.removeOrphans();
        assertTrue(store.writtenAt(MediaRecords.objectKey(upload.sha256())).isPresent(), "removed while an upload might commit it");
        clock.advance(Duration.ofHours(2));
        retention.removeOrphans();
        assertTrue(store.writtenAt(MediaRecords.objectKey(upload.sha256())).isEmpty(), "orphaned content stays");
        assertTrue(store.writtenAt(MediaRecords.thumbnailKey(upload.sha256())).isEmpty(), "orphaned thumbnail stays");
    }

    @Test
    void unattached_uploads_go_after_a_day_and_attached_ones_stay() {
        long unattached = uploaded("resident1", Photos.jpeg(41, 41, Color.BLUE));
        String unattachedSha = given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + unattached)
                .then().statusCode(200).extract().header("ETag").replace("\"", "");
        long attached = uploaded("resident1", Photos.jpeg(43, 43, Color.BLUE));
        as("resident1").body(ticket("留着的照片", List.of(attached))).post("/api/v1/tickets").then().statusCode(201);
        clock.advance(Duration.ofHours(25));
        assertTrue(retention.removeUnattached() >= 1);
        retention.removeOrphans();
        clock.reset();
        given().header("Authorization", "Bearer " + token("resident1")).get(MEDIA + "/" + unattached).then().statusCode(404);
        download("resident1", attached);
        try {
            assertTrue(store.writtenAt(MediaRecords.objectKey(unattachedSha)).isEmpty(), "the content of a removed upload stays");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_reaper_keeps_a_card_photo_and_removes_the_one_it_replaced() throws IOException {
        String member = MemberTest.member();
        String photo = "/api/v1/members/" + Api.accountId(member) + "/photo";
        long replaced = uploaded(member, Photos.jpeg(51, 37, Color.GREEN));
        long kept = uploaded(member, Photos.jpeg(53, 37, Color.GREEN));
        String replacedSha = as(member).get(MEDIA + "/" + replaced).then().statusCode(200).extract().header("ETag").replace("\"", "");
        String keptSha = as(member).get(MEDIA + "/" + kept).then().statusCode(200).extract().header("ETag").replace("\"", "");
        as(member).header("If-Match", "*").body(Map.of("mediaId", replaced)).put(photo).then().statusCode(200);
        as(member).header("If-Match", "*").body(Map.of("mediaId", kept)).put(photo).then().statusCode(200);
        clock.advance(Duration.ofHours(25));
        assertTrue(retention.removeUnattached() >= 1);
        retention.removeOrphans();
        clock.reset();
        as(member).get(MEDIA + "/" + replaced).then().statusCode(404);
        assertTrue(store.writtenAt(MediaRecords.objectKey(replacedSha)).isEmpty(), "the replaced photo's content stays");
        assertArrayEquals(stored(MediaRecords.objectKey(keptSha)), download("resident1", kept), "the card's photo went");
        assertTrue(store.writtenAt(MediaRecords.thumbnailKey(keptSha)).isPresent(), "the card's thumbnail went");
        as("resident1").get("/api/v1/members/" + Api.accountId(member) + "/card").then().statusCode(200)
                .body("photo.mediaId", equalTo((int) kept));
    }
}
