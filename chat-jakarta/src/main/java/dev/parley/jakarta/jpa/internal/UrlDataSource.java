package dev.parley.jakarta.jpa.internal;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A {@link DataSource} over a JDBC URL through {@link DriverManager}, a new connection each time:
 * what the schema migrations run on before {@code JpaStores.resourceLocal(url, ...)} builds its unit
 * over the same URL. Thread-safe.
 */
public final class UrlDataSource implements DataSource {
    private final String url;
    private final String user;
    private final String password;

    /** {@code user} and {@code password} may be null when the URL carries them or none is needed. */
    public UrlDataSource(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties info = new Properties();
        if (username != null) {
            info.setProperty("user", username);
        }
        if (pass != null) {
            info.setProperty("password", pass);
        }
        return DriverManager.getConnection(url, info);
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        throw new UnsupportedOperationException("set DriverManager's log writer instead");
    }

    @Override
    public void setLoginTimeout(int seconds) {
        throw new UnsupportedOperationException("set DriverManager's login timeout instead");
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
