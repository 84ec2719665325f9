package dev.parley.examples.war;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Test-only container login, added to the example WAR for its test: a Jakarta Security mechanism
 * that logs {@value #USER} in from HTTP Basic credentials and keeps the login in the container's
 * HTTP session ({@link AutoApplySession}), so that later requests carrying only the session
 * cookie are authenticated by the container, as a site with a login page works. Requests without
 * credentials stay anonymous.
 */
@AutoApplySession
@ApplicationScoped
public class ContainerLogin implements HttpAuthenticationMechanism {
    static final String USER = "war_carol";
    static final String PASSWORD = "carol's password";

    /** The {@code Authorization} header that logs {@value #USER} in. */
    static String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (basicHeader().equals(request.getHeader("Authorization"))) {
            return context.notifyContainerAboutLogin(USER, Set.of());
        }
        return context.doNothing();
    }
}
