package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach, without Quarkus: literal addresses only, so no DNS is asked. */
class UrlGuardTest {

    private static UrlGuard guard(String... allowed) {
        return new UrlGuard(List.of(allowed));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.0.0.1/", "http://172.16.5.4/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://0.0.0.0/",
            "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/",
            "http://[fd00::1]/", "http://[fc00::1]/", "http://[ff02::1]/", "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a00:1]/",
            "http://[::10.0.0.1]/", "ftp://8.8.8.8/", "http://user:pw@8.8.8.8/", "file:///etc/passwd" })
    void internal_or_odd_urls_are_refused(String url) {
        assertThrows(UrlGuard.Refused.class, () -> guard().check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://8.8.8.8/hook", "https://1.1.1.1:8443/x", "http://[2001:4860:4860::8888]/",
            "http://[::ffff:8.8.8.8]/" })
    void public_addresses_are_allowed(String url) {
        assertDoesNotThrow(() -> guard().check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:9000/hook", "http://10.1.2.3/", "http://[fd00::5]/", "http://receiver.internal/" })
    void the_allow_list_opens_hosts_and_ranges(String url) {
        assertDoesNotThrow(() -> guard("127.0.0.1", "10.0.0.0/8", "fd00::/8", "receiver.internal").check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.2/", "http://127.0.0.3/", "http://[fe80::5]/" })
    void only_what_the_allow_list_names(String url) {
        assertThrows(UrlGuard.Refused.class,
                () -> guard("127.0.0.1", "10.0.0.0/8", "fd00::/8").check(URI.create(url)));
    }

    @Test
    void a_delivery_connects_to_the_address_that_was_checked() throws Exception {
        UrlGuard.Target local = guard("127.0.0.1").target(URI.create("http://127.0.0.1:9000/hook"));
        assertEquals(InetAddress.getByName("127.0.0.1"), local.address());
        assertEquals(9000, local.port());
        assertEquals(443, guard().target(URI.create("https://8.8.8.8/x")).port());
        assertEquals(80, guard().target(URI.create("http://[2001:4860:4860::8888]/")).port());
        assertThrows(UrlGuard.Refused.class, () -> guard("receiver.invalid").target(URI.create("http://receiver.invalid/")),
                "an allow-listed name is registered unresolved, but a delivery needs its address");
    }
}
