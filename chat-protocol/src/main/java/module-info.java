/**
 * The wire contract as Java: the model records, the frames and their codec, error and close
 * codes, and the input rules. Shared by the engine, the server adapters and the Java SDK.
 * The JSON mapping ({@code dev.parley.protocol.internal}) is exported only to Parley's own
 * modules, so that no JSON-P type is part of the public API.
 */
module dev.parley.protocol {
    requires jakarta.json;

    exports dev.parley.protocol;
    exports dev.parley.protocol.wire;
    exports dev.parley.protocol.internal to
            dev.parley.core, dev.parley.jakarta, dev.parley.standalone, dev.parley.client, dev.parley.redis;
}
