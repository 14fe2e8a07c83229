package dev.eventcommerce.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.PrivateKey;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Only user-context can sign: catalog verifies with public keys only. Its configuration names no signing key,
 * holds no private key in any property, its key source yields public keys only, and no token-signing library
 * is on its runtime classpath.
 */
@CatalogServiceTest
class CatalogHoldsNoSigningKeyIT {

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    ApplicationContext context;
    @Autowired
    JWKSource<SecurityContext> verificationKeys;

    @Test
    void noPropertyOfTheServiceIsASigningOrPrivateKey() {
        for (var source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                String value = String.valueOf(enumerable.getProperty(name));
                assertThat(name.toLowerCase(Locale.ROOT)).as("property in " + source.getName())
                        .doesNotContain("signing-key").doesNotContain("secret-key").doesNotContain("private-key");
                assertThat(value).as(name + " in " + source.getName())
                        .doesNotContain("PRIVATE KEY").doesNotContainPattern("\"d\"\\s*:");
            }
        }
    }

    @Test
    void theKeysItVerifiesWithArePublicKeysOnly() throws Exception {
        List<JWK> keys = verificationKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);

        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key.isPrivate()).as(key.getKeyID()).isFalse());
        assertThat(context.getBeansOfType(PrivateKey.class)).isEmpty();
    }

    @Test
    void itsPackagedJarCarriesNoTokenSigningLibrary() throws Exception {
        // jjwt, which user-context signs with, is only a test dependency here (for the tests' own tokens)
        java.nio.file.Path jar = java.nio.file.Path.of("target", "catalog-context.jar");
        assertThat(jar).exists();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            assertThat(file.stream().map(java.util.jar.JarEntry::getName))
                    .isNotEmpty()
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/jjwt"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/user-context"));
        }
    }
}
