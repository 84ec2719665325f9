package dev.parley.spring.internal;

import dev.parley.core.Chat;
import dev.parley.jakarta.ParleyRest;
import dev.parley.jakarta.ParleyWebSocket;
import dev.parley.spring.ParleyIdentity;
import dev.parley.spring.ParleyProperties;

import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * The contract under {@code parley.path}, on the application's servlet container. Filters, in
 * order of their {@code order}: {@link ContractErrorFilter} (-200, ahead of Spring Security's
 * -100, so that its refusals get the contract's body too), Spring Security when the application
 * has it, {@link IdentityFilter} (-50), then the WebSocket handshake check (-40) ahead of
 * Tomcat's own upgrade filter.
 */
@Configuration(proxyBeanMethods = false)
public class ParleyWebConfiguration {
    static final int ERROR_FILTER_ORDER = -200;
    static final int IDENTITY_FILTER_ORDER = -50;
    static final int HANDSHAKE_FILTER_ORDER = -40;

    /** The REST API: chat-jakarta's resources, filters and mappers on a Jersey servlet of its own at {@code <path>/api/*}. */
    @Bean
    ServletRegistrationBean<ServletContainer> parleyRestServlet(Chat chat, ParleyProperties properties) {
        ResourceConfig rest = new ResourceConfig()
                .registerInstances(ParleyRest.singletons(chat, properties.getAllowedOrigins()))
                .register(MultiPartFeature.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                // Jersey's refusals written as they are, not through the container's error page.
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        ServletRegistrationBean<ServletContainer> servlet = new ServletRegistrationBean<>(new ServletContainer(rest),
                properties.getPath() + "/" + ParleyRest.APPLICATION_PATH + "/*");
        servlet.setName("parley-rest");
        servlet.setAsyncSupported(true); // /events suspends its request
        servlet.setLoadOnStartup(1);
        return servlet;
    }

    /** The WebSocket endpoint at {@code <path>/ws}, registered on Tomcat's ServerContainer by the exporter. */
    @Bean
    ServerEndpointConfig parleyWebSocketEndpoint(Chat chat, ParleyProperties properties) {
        return ParleyWebSocket.endpointConfig(chat, properties.getPath() + ParleyWebSocket.PATH);
    }

    @Bean
    @ConditionalOnMissingBean
    static ServerEndpointExporter parleyServerEndpointExporter() {
        return new ServerEndpointExporter();
    }

    /** Refuses a handshake without valid credentials (401) or from a foreign page (403) before the upgrade. */
    @Bean
    FilterRegistrationBean<jakarta.servlet.Filter> parleyHandshakeFilter(Chat chat, ParleyProperties properties) {
        FilterRegistrationBean<jakarta.servlet.Filter> filter = new FilterRegistrationBean<>(
                ParleyWebSocket.handshakeFilter(chat, properties.getAllowedOrigins()));
        filter.addUrlPatterns(properties.getPath() + ParleyWebSocket.PATH);
        filter.setName("parley-ws-handshake");
        filter.setOrder(HANDSHAKE_FILTER_ORDER);
        filter.setAsyncSupported(true);
        return filter;
    }

    @Bean
    FilterRegistrationBean<ContractErrorFilter> parleyErrorFilter(ParleyProperties properties) {
        FilterRegistrationBean<ContractErrorFilter> filter = new FilterRegistrationBean<>(new ContractErrorFilter());
        filter.addUrlPatterns(properties.getPath() + "/*");
        filter.setName("parley-errors");
        filter.setOrder(ERROR_FILTER_ORDER);
        filter.setAsyncSupported(true);
        return filter;
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> parleyIdentityFilter(ParleyIdentity identity, ParleyProperties properties) {
        FilterRegistrationBean<IdentityFilter> filter = new FilterRegistrationBean<>(
                new IdentityFilter(identity, properties.getPath(), properties.getIdentity() != ParleyProperties.Identity.PARLEY));
        filter.addUrlPatterns(properties.getPath() + "/*");
        filter.setName("parley-identity");
        filter.setOrder(IDENTITY_FILTER_ORDER);
        filter.setAsyncSupported(true);
        return filter;
    }

    /** {@code parley.identity=parley}: Parley's own accounts, whatever else authenticates the application's pages. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "parley", name = "identity", havingValue = "parley", matchIfMissing = true)
    ParleyIdentity parleyAccountsIdentity() {
        return ParleyIdentity.parleyAccounts();
    }

    /** {@code parley.identity=spring-security}: the user Spring Security authenticated. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    @ConditionalOnProperty(prefix = "parley", name = "identity", havingValue = "spring-security")
    static class SpringSecurity {
        @Bean
        @ConditionalOnMissingBean
        ParleyIdentity parleySpringSecurityIdentity() {
            return new SpringSecurityIdentity();
        }
    }

    /** The web page at {@code <path>/}: chat-jakarta's files, which resolve every URL against their own directory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "parley", name = "page", havingValue = "true", matchIfMissing = true)
    static class Page implements WebMvcConfigurer {
        private final String path;

        Page(ParleyProperties properties) {
            this.path = properties.getPath();
        }

        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler(path + "/**").addResourceLocations("classpath:/META-INF/resources/");
        }

        @Override
        public void addViewControllers(ViewControllerRegistry registry) {
            registry.addRedirectViewController(path, path + "/");
            registry.addViewController(path + "/").setViewName("forward:" + path + "/index.html");
        }
    }
}
