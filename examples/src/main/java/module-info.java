/**
 * The runnable examples, as an application that uses Parley as modules would: the bots need only
 * the SDK ({@code dev.parley.client}); embedding needs the engine or the standalone server.
 */
module dev.parley.examples {
    requires dev.parley.client;
    requires dev.parley.core;
    requires dev.parley.standalone;
}
