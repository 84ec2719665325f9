package dev.parley.spring;

import dev.parley.jakarta.jpa.SchemaMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley's {@code parley.*} settings in a Spring Boot application. Unset engine limits keep the
 * engine's defaults ({@code ChatConfig.defaults()}). Bound once at start; a bad value fails the
 * start with a message naming the property.
 */
@ConfigurationProperties(prefix = "parley")
public class ParleyProperties {

    /** Where a request's user comes from. */
    public enum Identity {
        /** Parley's own accounts: register, login and bearer tokens (the contract's default). */
        PARLEY,
        /**
         * The user Spring Security authenticated (its {@code Authentication}'s name), for HTTP and
         * for the WebSocket handshake; Parley's register and login are refused (403).
         */
        SPRING_SECURITY
    }

    /** Whether Parley is wired into the application at all. */
    private boolean enabled = true;

    /**
     * The path Parley is served under: the REST API at {@code <path>/api}, the WebSocket at
     * {@code <path>/ws}, the web page at {@code <path>/}. Starts with '/', does not end with one.
     */
    private String path = "/chat";

    /** Where a request's user comes from: {@code parley} (Parley's own accounts) or {@code spring-security}. */
    private Identity identity = Identity.PARLEY;

    /**
     * The directory shared files are kept in (created when missing). Unset: in memory, lost at
     * every stop while their messages stay in the database.
     */
    private Path filesDirectory;

    /** Whether the web page is served at {@code <path>/}. */
    private boolean page = true;

    /** Usernames that may post announcements and manage every room. */
    private List<String> admins = new ArrayList<>();

    /** Keep at most this many messages per room (unset: keep all). */
    private Integer retention;

    /** The largest file a user may share (e.g. 10MB). Unset: the engine's default. */
    private DataSize maxUploadSize;

    /** The most characters in a message. Unset: the engine's default. */
    private Integer maxTextLength;

    /** How long a bearer token is valid (e.g. 12h). Unset: the engine's default. */
    private Duration tokenTtl;

    /** Web origins besides the application's own whose pages may call the API (CORS) and open the WebSocket; '*' for any. */
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * What Parley does at start with its {@code parley_*} tables on the application's DataSource:
     * {@code migrate} them to this release's version, or only {@code validate} them and fail the
     * start when a migration is pending.
     */
    private SchemaMode schema = SchemaMode.MIGRATE;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    /** @throws IllegalArgumentException unless it starts with '/' and does not end with one */
    public void setPath(String path) {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("parley.path must be a path such as /chat (segments of letters, digits,"
                    + " '.', '_', '~' or '-', no trailing '/'), got '" + path + "'");
        }
        this.path = path;
    }

    public Identity getIdentity() {
        return identity;
    }

    public void setIdentity(Identity identity) {
        this.identity = identity;
    }

    public Path getFilesDirectory() {
        return filesDirectory;
    }

    public void setFilesDirectory(Path filesDirectory) {
        this.filesDirectory = filesDirectory;
    }

    public boolean isPage() {
        return page;
    }

    public void setPage(boolean page) {
        this.page = page;
    }

    public List<String> getAdmins() {
        return admins;
    }

    public void setAdmins(List<String> admins) {
        this.admins = admins;
    }

    public Integer getRetention() {
        return retention;
    }

    public void setRetention(Integer retention) {
        this.retention = retention;
    }

    public DataSize getMaxUploadSize() {
        return maxUploadSize;
    }

    public void setMaxUploadSize(DataSize maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    public Integer getMaxTextLength() {
        return maxTextLength;
    }

    public void setMaxTextLength(Integer maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public SchemaMode getSchema() {
        return schema;
    }

    public void setSchema(SchemaMode schema) {
        this.schema = schema;
    }
}
