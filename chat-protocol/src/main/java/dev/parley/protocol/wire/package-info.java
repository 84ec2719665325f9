/**
 * The wire protocol of the contract, shared by the server adapters and the Java SDK: the
 * {@code /ws} frames as closed sets of records ({@link dev.parley.protocol.wire.ClientFrame},
 * {@link dev.parley.protocol.wire.ServerFrame}), the one codec that turns them into JSON text and
 * back ({@link dev.parley.protocol.wire.FrameCodec}), and the JSON form of the model used in REST
 * bodies and inside frames ({@link dev.parley.protocol.internal.ModelJson}). Everything here is built
 * on JSON-P, stateless and safe to call from any thread; decoding what a client sent never throws.
 */
package dev.parley.protocol.wire;
