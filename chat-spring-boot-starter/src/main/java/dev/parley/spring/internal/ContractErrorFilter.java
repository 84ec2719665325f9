package dev.parley.spring.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Under {@code parley.path}, an error that another layer answers through {@code sendError} (Spring
 * MVC's 404 for a file the page does not have, Spring Security's 401 and 403, Tomcat's own
 * refusals) or by throwing gets the contract's {@code {"error","message"}} body instead of Boot's
 * error page ({@code {"timestamp","status",...}} or the whitelabel HTML). The message is the
 * status's generic one: what another layer passes to {@code sendError} is not shown to users.
 * Parley's own answers (Jersey's, the handshake filter's) already have that body and pass as they
 * are. Stateless and thread-safe.
 */
public final class ContractErrorFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(ContractErrorFilter.class.getName());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        ContractErrors wrapped = new ContractErrors(out);
        try {
            chain.doFilter(request, wrapped);
        } catch (IOException | ServletException | RuntimeException e) {
            if (out.isCommitted()) {
                throw e;
            }
            LOG.log(Level.SEVERE, "unexpected failure while serving " + http.getRequestURI(), e);
            wrapped.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    /** The contract's body for {@code status}: its code and a generic message. */
    static byte[] body(int status) {
        ErrorCode code = ErrorCode.forHttpStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String message = status >= 500 ? "internal error"
                : known == null ? "request refused" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        return JsonFields.write(ModelJson.error(code, message)).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the contract's body in place of the container's error page. */
    static final class ContractErrors extends HttpServletResponseWrapper {
        ContractErrors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String ignored) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("the response is already committed");
            }
            byte[] body = body(status);
            resetBuffer();
            setStatus(status);
            setContentType("application/json");
            setCharacterEncoding(StandardCharsets.UTF_8.name());
            setContentLength(body.length);
            getOutputStream().write(body);
            flushBuffer();
        }
    }
}
