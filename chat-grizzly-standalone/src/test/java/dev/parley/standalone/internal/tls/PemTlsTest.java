package dev.parley.standalone.internal.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The PEM key forms certbot and reverse proxies write, read by the JDK alone; every refusal names the file. */
class PemTlsTest {
    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private Path openssl(String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl converts the key forms");
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        return dir;
    }

    @Test
    void readsPkcs8AndRewrapsPkcs1RsaAndSec1EcKeys() throws Exception {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            KeyPair pair = generator.generateKeyPair();
            Path pkcs8 = Files.writeString(dir.resolve(algorithm + "-pkcs8.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            PrivateKey read = PemTls.privateKey(pkcs8);
            assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());

            // openssl writes the traditional forms: BEGIN RSA PRIVATE KEY (PKCS#1), BEGIN EC PRIVATE KEY (SEC 1).
            String traditional = algorithm + "-traditional.pem";
            openssl("pkey", "-in", pkcs8.getFileName().toString(), "-traditional", "-out", traditional);
            String text = Files.readString(dir.resolve(traditional));
            if (algorithm.equals("EC")) {
                // as `openssl ecparam -genkey` writes it: the curve's parameters ahead of the key
                openssl("ecparam", "-name", "prime256v1", "-out", "params.pem");
                text = Files.readString(dir.resolve("params.pem")) + text;
                Files.writeString(dir.resolve(traditional), text);
            }
            assertTrue(text.contains(algorithm.equals("RSA") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY"), text);
            PrivateKey rewrapped = PemTls.privateKey(dir.resolve(traditional));
            assertEquals(algorithm, rewrapped.getAlgorithm());
            if (algorithm.equals("RSA")) {
                assertEquals(((java.security.interfaces.RSAPrivateKey) pair.getPrivate()).getPrivateExponent(),
                        ((java.security.interfaces.RSAPrivateKey) rewrapped).getPrivateExponent());
            } else {
                assertEquals(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(),
                        ((java.security.interfaces.ECPrivateKey) rewrapped).getS());
            }
        }
    }

    @Test
    void anEncryptedOrMissingOrUnreadableKeyIsNamed() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        PemTls.TlsFileException e = assertThrows(PemTls.TlsFileException.class, () -> PemTls.privateKey(encrypted));
        assertTrue(e.getMessage().startsWith("TLS key " + encrypted + " is encrypted"), e.getMessage());

        Path missing = dir.resolve("nope.pem");
        e = assertThrows(PemTls.TlsFileException.class, () -> PemTls.privateKey(missing));
        assertEquals("TLS key file " + missing + " does not exist", e.getMessage());

        Path locked = Files.writeString(dir.resolve("locked.pem"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(locked), "running as a user who can read any file (root)");
        e = assertThrows(PemTls.TlsFileException.class, () -> PemTls.privateKey(locked));
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
    }
}
