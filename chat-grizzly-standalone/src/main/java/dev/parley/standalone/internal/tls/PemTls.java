package dev.parley.standalone.internal.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link SSLContext} from PEM files, with the JDK's {@link CertificateFactory} and
 * {@link KeyFactory} (no PEM library): a certificate chain (leaf first, then intermediates, as in
 * certbot's {@code fullchain.pem}) and an unencrypted private key in PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 EC
 * ({@code BEGIN EC PRIVATE KEY}) form. The last two are rewrapped as PKCS#8, which is all
 * {@code openssl pkcs8 -topk8} would do. The key is checked against the leaf certificate by signing
 * and verifying a challenge, so a key of another certificate fails at start, not at the first
 * handshake.
 *
 * <p>Every failure is a {@link TlsFileException} whose message is one line naming the file and what
 * is wrong with it.
 */
public final class PemTls {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemTls() {
    }

    /** A failure to read or use the TLS files: the message is one line naming the file. */
    public static final class TlsFileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TlsFileException(String message) {
            super(message);
        }

        TlsFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads both files and makes a server-side TLS context.
     *
     * @throws TlsFileException when a file is missing, unreadable, not the expected PEM, or the key does
     *                          not belong to the certificate
     */
    public static SSLContext serverContext(Path certificateChain, Path privateKey) {
        List<X509Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        requireMatch(chain.get(0), key, certificateChain, privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("parley", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsFileException("TLS key " + privateKey + " and certificate " + certificateChain
                    + " cannot be used together: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file) {
        String text = read(file, "certificate");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals("CERTIFICATE")) {
                    continue;
                }
                Collection<? extends Certificate> found = factory.generateCertificates(
                        new ByteArrayInputStream(der(m.group(2), file)));
                for (Certificate c : found) {
                    chain.add((X509Certificate) c);
                }
            }
        } catch (CertificateException e) {
            throw new TlsFileException("TLS certificate " + file + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsFileException("TLS certificate " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
                    + (text.contains("PRIVATE KEY-----") ? "; it holds a private key: give it with --tls-key" : ""));
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) {
        String text = read(file, "key");
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der(m.group(2), file), file, "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.sequence(Der.integerZero(), RSA_ALGORITHM, Der.octetString(der(m.group(2), file))),
                            file, "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(ecToPkcs8(der(m.group(2), file), file), file, "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsFileException("TLS key " + file + " is encrypted; give an unencrypted one "
                            + "(openssl pkey -in " + file.getFileName() + " -out key.pem)");
                default:
                    // EC PARAMETERS before an EC key, a certificate in the same file: look further
            }
        }
        throw new TlsFileException("TLS key " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String... algorithms) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new TlsFileException("TLS key " + file + " is not a private key the JDK can read (tried "
                + String.join(", ", algorithms) + ")");
    }

    /**
     * SEC 1 {@code ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] curve OID, [1] publicKey }}
     * as PKCS#8, whose algorithm identifier carries the curve.
     */
    private static byte[] ecToPkcs8(byte[] sec1, Path file) {
        byte[] curve = null;
        try {
            Der.Reader outer = new Der.Reader(sec1);
            Der.Reader fields = new Der.Reader(outer.next(0x30));
            fields.next(0x02);
            fields.next(0x04);
            while (fields.hasMore()) {
                int tag = fields.peekTag();
                byte[] value = fields.next(tag);
                if (tag == 0xa0) {
                    curve = new Der.Reader(value).element(0x06);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new TlsFileException("TLS key " + file + " is not a valid EC private key: " + e.getMessage());
        }
        if (curve == null) {
            throw new TlsFileException("TLS key " + file + " names no curve; write it with openssl pkcs8 -topk8 -nocrypt");
        }
        return Der.sequence(Der.integerZero(), Der.sequence(EC_PUBLIC_KEY, curve), Der.octetString(sec1));
    }

    private static void requireMatch(X509Certificate leaf, PrivateKey key, Path certificateFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        if (algorithm == null) {
            return; // a PSS key's parameters pick the signature; the handshake is its check
        }
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsFileException("TLS key " + keyFile + " does not belong to the certificate in " + certificateFile
                    + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsFileException("TLS " + what + " file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new TlsFileException("TLS " + what + " file " + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new TlsFileException("TLS " + what + " file " + file + " cannot be read: " + e, e);
        }
    }

    private static byte[] der(String base64, Path file) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TlsFileException("TLS file " + file + " has a PEM block that is not valid base64");
        }
    }
}
