package dev.eventcommerce.console.services;

import dev.eventcommerce.console.ConsoleProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Every instance of each service, from the configured base URLs. A URL whose host is a name stands for every
 * address the name resolves to now (a Kubernetes headless service resolves to each ready pod; a Compose service
 * with replicas to each container), so each instance is asked on its own; an IP literal or {@code localhost} is
 * one instance. A name that does not resolve is still listed, once, so that it shows as down.
 */
@Component
public class ServiceDirectory {

    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");

    private final ConsoleProperties properties;

    public ServiceDirectory(ConsoleProperties properties) {
        this.properties = properties;
    }

    /** One instance of a service: its base URL (an address, once resolved) and the URL configured. */
    public record Instance(String service, String url, String configured) {
    }

    public List<String> services() {
        return List.copyOf(properties.services().keySet());
    }

    public boolean knows(String service) {
        return properties.services().containsKey(service);
    }

    public List<Instance> instances(String service) {
        String urls = properties.services().get(service);
        if (urls == null) {
            return List.of();
        }
        List<Instance> instances = new ArrayList<>();
        for (String configured : Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList()) {
            for (String url : resolve(stripSlash(configured))) {
                if (instances.stream().noneMatch(instance -> instance.url().equals(url))) {
                    instances.add(new Instance(service, url, configured));
                }
            }
        }
        return instances;
    }

    private static List<String> resolve(String configured) {
        URI uri;
        try {
            uri = URI.create(configured);
        } catch (IllegalArgumentException notAUri) {
            return List.of(configured);
        }
        String host = uri.getHost();
        if (host == null || IP_LITERAL.matcher(host).matches() || "localhost".equals(host.toLowerCase(Locale.ROOT))) {
            return List.of(configured);
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return Arrays.stream(addresses)
                    .map(address -> address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                            : address.getHostAddress())
                    .distinct()
                    .map(address -> uri.getScheme() + "://" + address + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                            + (uri.getRawPath() == null ? "" : uri.getRawPath()))
                    .toList();
        } catch (UnknownHostException unknown) {
            return List.of(configured);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
