package dev.eventcommerce.user.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.eventcommerce.platform.testing.TestDatabases;
import dev.eventcommerce.platform.testing.TestTokens;
import dev.eventcommerce.user.UserApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The service refuses to start without a signing key of its own, or with one that is not an ES256 private key. */
class StartupRefusalIT {

    @Test
    void withoutASigningKeyTheServiceDoesNotStart() {
        assertThatThrownBy(() -> start(""))
                .hasStackTraceContaining("No token signing key").hasStackTraceContaining("GenerateSigningKey");
    }

    @Test
    void anHmacSecretIsNotASigningKey() throws Exception {
        String hmac = new JWKSet(new OctetSequenceKeyGenerator(256).keyID("hmac").keyUse(KeyUse.SIGNATURE).generate())
                .toString(false);

        assertThatThrownBy(() -> start(file(hmac))).hasStackTraceContaining("EC P-256 private key");
    }

    @Test
    void anRsaKeyOrAPublicKeyOnlyIsRefused() throws Exception {
        String rsa = new JWKSet(new RSAKeyGenerator(2048).keyID("rsa").generate()).toString(false);
        String publicOnly = TestTokens.shared().publicJwks();

        assertThatThrownBy(() -> start(file(rsa))).hasStackTraceContaining("EC P-256 private key");
        assertThatThrownBy(() -> start(file(publicOnly))).hasStackTraceContaining("EC P-256 private key");
    }

    @Test
    void aGeneratedKeyStartsTheServiceAndItsPublicPartIsPublished() throws Exception {
        Path keys = Files.createTempFile("signing-keys", ".json");
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "../scripts/GenerateSigningKey.java", keys.toString()).inheritIO().start();
        assertThat(generator.waitFor()).isZero();

        try (ConfigurableApplicationContext context = start(keys.toString())) {
            assertThat(context.isRunning()).isTrue();
        } finally {
            Files.delete(keys);
        }
    }

    private static String file(String content) throws Exception {
        Path file = Files.createTempFile("signing-keys", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, content);
        return file.toString();
    }

    private static ConfigurableApplicationContext start(String keysFile) {
        return new SpringApplicationBuilder(UserApplication.class)
                .run("--server.port=0",
                        "--spring.datasource.url=" + TestDatabases.create("user_start"),
                        "--eventcommerce.auth.signing-keys-file=" + keysFile,
                        "--eventcommerce.users.admin-password=",
                        "--eventcommerce.auth.revocation-key=it:startup:token-revocations");
    }
}
