package dev.eventcommerce.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.console.ConsoleProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceDirectoryTest {

    private static ServiceDirectory directory(String urls) {
        return new ServiceDirectory(new ConsoleProperties(Map.of("ordering", urls), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), URI.create("http://jaeger"), List.of(), Duration.ofSeconds(1)));
    }

    private static List<String> urls(ServiceDirectory directory) {
        return directory.instances("ordering").stream().map(ServiceDirectory.Instance::url).toList();
    }

    @Test
    void addressesAndLocalhostAreOneInstanceEachInTheOrderGiven() {
        assertThat(urls(directory("http://127.0.0.1:8103/, http://localhost:8203,http://[::1]:8303,,")))
                .containsExactly("http://127.0.0.1:8103", "http://localhost:8203", "http://[::1]:8303");
    }

    @Test
    void aHostNameStandsForEachOfItsAddressesAndAnUnknownOneIsKeptToBeShownDown() throws Exception {
        assertThat(urls(directory("http://no-such-host.invalid:8003"))).containsExactly("http://no-such-host.invalid:8003");
        // this machine's own name (the hosts file): one URL per address, each an address
        String name = java.net.InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeFalse(name.equalsIgnoreCase("localhost"), "the machine has no name of its own");
        assertThat(urls(directory("http://" + name + ":8003/"))).isNotEmpty().allMatch(url ->
                url.matches("http://(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-f:]+]):8003"));
    }

    @Test
    void anUnknownServiceHasNoInstance() {
        assertThat(directory("http://127.0.0.1:1").instances("billing")).isEmpty();
        assertThat(directory("http://127.0.0.1:1").knows("billing")).isFalse();
    }
}
