package dev.eventcommerce.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything in the repository that could be taken for a signing key: every value written next to a
 * {@code key}, {@code secret} or {@code password} in any tracked file (the development key of old, the seed's
 * example keys, test and bench values), and the private parts of any PEM or JWK key. A token signed with any
 * of them must be refused by every service: no key published here can sign.
 */
public final class RepositoryKeys {

    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)(?:key|secret|password)[\\w.\\-\\]\\[\"']{0,40}\\s*[:=,(]\\s*(?:\\$\\{\\w+:-?)?[\"']?([!-~&&[^\"'\\s${}]]{16,200})");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?-----END \\1PRIVATE KEY-----");
    private static final Pattern JWK_PRIVATE = Pattern.compile("\"d\"\\s*:\\s*\"([A-Za-z0-9_-]{20,})\"");

    private RepositoryKeys() {
    }

    /** Candidate HMAC secrets: every value assigned to something named like a key, secret or password. */
    public static Set<String> secrets() {
        Set<String> found = new LinkedHashSet<>();
        // the seed's published examples, whether or not a file still quotes them
        found.add("your-secret-key-change-this-in-production-min-32-characters-required");
        found.add("your-secret-key-min-32-characters");
        found.add("local-development-secret-key-not-for-production-use");
        for (String text : trackedTexts()) {
            Matcher matcher = ASSIGNED.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }

    /** The private keys (PEM blocks, JWK {@code d} values) in tracked files: there should be none. */
    public static List<String> privateKeys() {
        Set<String> found = new LinkedHashSet<>();
        for (String text : trackedTexts()) {
            PEM.matcher(text).results().map(java.util.regex.MatchResult::group).forEach(found::add);
            JWK_PRIVATE.matcher(text).results().map(result -> result.group(1)).forEach(found::add);
        }
        return List.copyOf(found);
    }

    private static List<String> trackedTexts() {
        Path root = root();
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).start();
            String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            git.waitFor();
            return java.util.Arrays.stream(listing.split("\0"))
                    .filter(name -> !name.isBlank())
                    .map(root::resolve)
                    .filter(Files::isRegularFile)
                    .map(RepositoryKeys::text)
                    .filter(text -> !text.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path file) {
        try {
            if (Files.size(file) > 1_000_000) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    return "";
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("The tests run inside a git checkout of the project");
        }
        return dir;
    }
}
