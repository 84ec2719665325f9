/**
 * HTTPS for the standalone server: {@link dev.parley.standalone.internal.tls.PemTls} reads a PEM
 * certificate chain and private key (as certbot or a reverse proxy writes them) with the JDK alone
 * and makes the {@code SSLContext} Grizzly serves with; every failure is one line naming the file.
 */
package dev.parley.standalone.internal.tls;
