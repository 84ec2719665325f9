/**
 * Integration tests: the SDK and the terminal client against a real standalone server started in
 * the test JVM on 127.0.0.1 and a free port, through the public API only. A TCP proxy between
 * client and server lets tests cut connections abruptly.
 */
package dev.parley.client.it;
