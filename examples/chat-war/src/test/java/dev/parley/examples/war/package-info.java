/**
 * The example WAR's in-container test: the file Maven packaged, deployed by Arquillian to
 * embedded GlassFish 7 listening on 127.0.0.1 at a free port, and checked over real HTTP and a
 * real WebSocket against Parley's wire contract.
 */
package dev.parley.examples.war;
