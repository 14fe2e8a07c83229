// Writes a new token signing key: a JWK Set with one EC P-256 private key (ES256) whose kid is its RFC 7638
// thumbprint, readable by its owner only. JDK only, run as a source file:
//   java scripts/GenerateSigningKey.java <file>            a new set with one key
//   java scripts/GenerateSigningKey.java --rotate <file>   the new key first (it signs), the old ones kept
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

public class GenerateSigningKey {

    public static void main(String[] args) throws Exception {
        boolean rotate = args.length == 2 && args[0].equals("--rotate");
        if (args.length != 1 && !rotate) {
            System.err.println("usage: java GenerateSigningKey.java [--rotate] <file>");
            System.exit(2);
        }
        Path file = Path.of(args[args.length - 1]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        String x = base64(publicKey.getW().getAffineX());
        String y = base64(publicKey.getW().getAffineY());
        String d = base64(((ECPrivateKey) pair.getPrivate()).getS());
        // RFC 7638: the SHA-256 of the required members, in lexicographic order, without spaces
        String thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(thumbprintInput.getBytes(StandardCharsets.US_ASCII)));
        String key = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + kid
                + "\",\"x\":\"" + x + "\",\"y\":\"" + y + "\",\"d\":\"" + d + "\"}";
        String keys = key;
        if (rotate && Files.exists(file)) {
            String old = Files.readString(file).trim();
            int start = old.indexOf('[');
            int end = old.lastIndexOf(']');
            String others = start >= 0 && end > start ? old.substring(start + 1, end).trim() : "";
            keys = others.isEmpty() ? key : key + "," + others;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, "{\"keys\":[" + keys + "]}\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("signing key " + kid + " written to " + file);
    }

    /** A P-256 coordinate or scalar as its 32 big-endian bytes, base64url (RFC 7518 6.2.1.2). */
    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int from = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, from, fixed, 32 - (bytes.length - from), bytes.length - from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
