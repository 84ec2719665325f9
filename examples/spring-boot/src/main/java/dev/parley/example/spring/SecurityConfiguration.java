package dev.parley.example.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Arrays;

/**
 * The example's Spring Security. By default ({@code parley.identity=parley}) every page is open
 * and Parley keeps its own accounts. With {@code parley.identity=spring-security} (the
 * {@code secured} profile) {@code /chat/**} needs a login, by form or HTTP Basic, against the
 * users of {@code example.users} ({@code name:password,...}): Parley's user is the login's name.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "parley", name = "identity", havingValue = "spring-security")
    SecurityFilterChain securedChat(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/chat/api/health", "/chat/api/openapi.json").permitAll()
                        .requestMatchers("/chat/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                // Parley's JSON calls need a CORS preflight from another origin; its WebSocket
                // handshake checks the Origin itself.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/chat/**", "/notes/**"))
                .build();
    }

    @Bean
    @ConditionalOnProperty(prefix = "parley", name = "identity", havingValue = "spring-security")
    UserDetailsService exampleUsers(@Value("${example.users:}") String users) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        Arrays.stream(users.split(",")).map(String::trim).filter(u -> u.contains(":")).forEach(u -> {
            String[] parts = u.split(":", 2);
            manager.createUser(User.withUsername(parts[0]).password(encoder.encode(parts[1])).roles("USER").build());
        });
        return manager;
    }

    @Bean
    @ConditionalOnProperty(prefix = "parley", name = "identity", havingValue = "parley", matchIfMissing = true)
    SecurityFilterChain openApplication(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/chat/**", "/notes/**"))
                .build();
    }
}
