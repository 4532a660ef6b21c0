package dev.intake.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import dev.intake.error.InvalidValueException;

/**
 * Which URLs webhooks may call: http or https to a host on a public address. A loopback, private, link-local (cloud
 * metadata) or otherwise local address is refused unless its host is in {@code intake.webhooks.allowed-private-hosts},
 * so that an admin cannot make the server call into its own network. Checked when a webhook is registered, and again
 * before each delivery, since a name can resolve elsewhere later.
 */
final class WebhookAddresses {

    private final Set<String> allowedPrivateHosts;

    WebhookAddresses(Set<String> allowedPrivateHosts) {
        this.allowedPrivateHosts = allowedPrivateHosts.stream().map(host -> host.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The URL, checked.
     *
     * @throws InvalidValueException naming what is wrong with it
     */
    URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("url", "The webhook URL '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidValueException("url", "The webhook URL '" + url + "' must be an http or https URL with"
                    + " a host");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidValueException("url", "The webhook URL must not carry a user name or password; sign"
                    + " deliveries with the webhook's secret instead");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedPrivateHosts.contains(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidValueException("url", "The webhook host " + host + " has no address");
        }
        for (InetAddress address : addresses) {
            if (local(address)) {
                throw new InvalidValueException("url", "The webhook host " + host + " is on a private or local"
                        + " address (" + address.getHostAddress() + "); such hosts are allowed only when listed in"
                        + " intake.webhooks.allowed-private-hosts");
            }
        }
        return uri;
    }

    private static boolean local(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        // IPv6 unique local addresses (fc00::/7) and IPv4 carrier-grade NAT (100.64.0.0/10)
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc
                || bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
