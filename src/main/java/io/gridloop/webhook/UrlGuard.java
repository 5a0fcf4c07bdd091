package io.gridloop.webhook;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps webhooks off the service's own network (SSRF): a URL whose host resolves to a loopback,
 * private, unique-local, shared (CGNAT), link-local, multicast or unspecified address, IPv4 or IPv6
 * (IPv4-mapped and NAT64 included), is refused unless its host or one of its addresses is on
 * {@code gridloop.webhooks.allow-list}. Asked at registration and again before every delivery, since
 * what a name resolves to can change; a delivery connects to the address checked ({@link Target}).
 */
@ApplicationScoped
class UrlGuard {

    /** Why a URL may not be used. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final List<String> hosts;
    private final List<Cidr> ranges;

    @Inject
    UrlGuard(WebhookConfig config) {
        this(config.allowList().orElse(List.of()));
    }

    UrlGuard(List<String> allowList) {
        List<String> entries = allowList.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        this.ranges = entries.stream().filter(Cidr::looksLikeOne).map(Cidr::parse).toList();
        this.hosts = entries.stream().filter(e -> !Cidr.looksLikeOne(e)).map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    /** A URL that may be reached, and the address its host resolved to when checked: the one to connect to. */
    record Target(URI url, InetAddress address) {

        int port() {
            return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        }
    }

    /** The URL, if it is an absolute http(s) URL whose host may be reached (an allow-listed name need not resolve yet). */
    URI check(URI url) throws Refused {
        return hosts.contains(host(url)) ? url : target(url).url();
    }

    /** The URL and the address to connect to, if it is an absolute http(s) URL whose host may be reached. */
    Target target(URI url) throws Refused {
        String host = host(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new Refused("host does not resolve");
        }
        if (!hosts.contains(host)) {
            for (InetAddress address : addresses) {
                if (internal(address) && ranges.stream().noneMatch(r -> r.contains(address))) {
                    throw new Refused("host resolves to " + address.getHostAddress());
                }
            }
        }
        return new Target(url, addresses[0]);
    }

    private static String host(URI url) throws Refused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new Refused("not an absolute http(s) URL without user info");
        }
        return url.getHost().toLowerCase(Locale.ROOT);
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address
            boolean mapped = zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zero(b, 0, 12);
            boolean nat64 = (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && zero(b, 4, 12);
            if (mapped || compatible || nat64) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address range such as 10.0.0.0/8 or fd00::/8; a bare address is a range of one. */
    record Cidr(BigInteger network, int bits, int length) {

        static boolean looksLikeOne(String entry) {
            return entry.contains("/") || entry.matches("^[0-9.]+$") || entry.contains(":");
        }

        static Cidr parse(String entry) {
            String[] parts = entry.split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int length = address.length * 8;
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : length;
                if (bits < 0 || bits > length) {
                    throw new IllegalArgumentException("gridloop.webhooks.allow-list: bad prefix in " + entry);
                }
                return new Cidr(new BigInteger(1, address).shiftRight(length - bits), bits, length);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("gridloop.webhooks.allow-list: not an address range: " + entry, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length * 8 == length && new BigInteger(1, bytes).shiftRight(length - bits).equals(network);
        }
    }
}
