package dev.eventcommerce.user.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.List;

/**
 * The keys this service signs tokens with: a JWK Set of EC P-256 private keys, each with its {@code kid}.
 * One of them signs (the one named, or else the first); all of them are published, public parts only,
 * so that tokens signed by a key being rotated out keep working until they expire.
 *
 * <p>Rotation without logging anyone out: add the new key first in the set (the old one stays), restart;
 * once the old key's last tokens have expired (the token lifetime), remove it.
 */
public final class SigningKeys {

    private final ECKey signer;
    private final JWKSet publicKeys;

    private SigningKeys(ECKey signer, JWKSet publicKeys) {
        this.signer = signer;
        this.publicKeys = publicKeys;
    }

    /**
     * @param jwkSet   the JWK Set JSON
     * @param signerId the {@code kid} of the key that signs; blank for the first
     * @throws IllegalStateException for a set this service must not start with, saying why
     */
    public static SigningKeys parse(String jwkSet, String signerId) {
        List<JWK> keys;
        try {
            keys = JWKSet.parse(jwkSet).getKeys();
        } catch (ParseException e) {
            throw new IllegalStateException("The signing keys are not a JWK Set: " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("The signing key set holds no key");
        }
        for (JWK key : keys) {
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                throw new IllegalStateException("Every signing key must be an EC P-256 private key (ES256); "
                        + "key '" + key.getKeyID() + "' is not");
            }
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw new IllegalStateException("Every signing key needs a kid");
            }
        }
        if (keys.stream().map(JWK::getKeyID).distinct().count() < keys.size()) {
            throw new IllegalStateException("Two signing keys have the same kid");
        }
        ECKey signer = (ECKey) (signerId == null || signerId.isBlank() ? keys.get(0)
                : keys.stream().filter(key -> signerId.equals(key.getKeyID())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No signing key has the kid " + signerId)));
        return new SigningKeys(signer, new JWKSet(keys).toPublicJWKSet());
    }

    public String signerId() {
        return signer.getKeyID();
    }

    ECPrivateKey signerKey() {
        try {
            return signer.toECPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + signer.getKeyID() + " cannot be read", e);
        }
    }

    /** What verifiers need: every key's public part, never a private one. */
    public JWKSet publicKeys() {
        return publicKeys;
    }
}
