package dev.parley.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application of its own (notes: an entity, a repository, a REST controller and a
 * page at {@code /}) with Parley added by the starter under {@code /chat}: {@code /chat/api/...},
 * {@code /chat/ws}, the chat page at {@code /chat/}. Embedded H2 under
 * {@code ./parley-spring-data} by default; {@code --spring.profiles.active=secured} lets Spring
 * Security's login decide who is chatting ({@code parley.identity=spring-security}).
 */
@SpringBootApplication
public class ExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
