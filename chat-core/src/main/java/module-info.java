/**
 * The chat engine: {@code dev.parley.core} ({@code Chat}, its builder and configuration) and
 * {@code dev.parley.core.spi} (what adapters and stores implement). The engine itself
 * ({@code dev.parley.core.internal}) is not exported: no other module can reach it.
 */
module dev.parley.core {
    requires transitive dev.parley.protocol;
    requires com.nimbusds.jose.jwt;
    requires bcrypt;
    requires java.desktop; // ImageIO, for the thumbnails of shared images (internal/Thumbnailer)

    exports dev.parley.core;
    exports dev.parley.core.spi;
}
