/**
 * What {@link dev.parley.standalone.StandaloneServer} is made of, not for use outside this
 * module: the stores it opens, and (in {@code http}) the Grizzly, Jersey and Tyrus wiring,
 * and (in {@code cli}) the command line.
 */
package dev.parley.standalone.internal;
