package dev.parley.spring;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.spring.internal.ParleyStoresConfiguration;
import dev.parley.spring.internal.ParleyWebConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.TreeSet;

/**
 * Parley in a Spring Boot servlet application: a {@link Chat} bean on the application's
 * {@code EntityManagerFactory} (Hibernate, with Parley's entities added to the application's
 * persistence unit) and the whole contract under {@code parley.path}: the REST API on a Jersey
 * servlet at {@code <path>/api/*}, the {@code jakarta.websocket} endpoint at {@code <path>/ws} on
 * the application's Tomcat, the web page at {@code <path>/}.
 *
 * <p>Every bean is {@code @ConditionalOnMissingBean}: an application that declares its own
 * {@link ChatConfig}, {@link Chat}, any store ({@link UserStore}, {@link RoomStore},
 * {@link MessageStore}, {@link TokenStore}), the {@link FileStore} or the {@link ParleyIdentity}
 * gets its own in place of the starter's. A {@link ClusterBus} or {@link PresenceStore} bean (the
 * Redis ones of chat-redis, for several nodes) is used when there is one.
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "parley", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ParleyProperties.class)
@Import({ParleyStoresConfiguration.class, ParleyWebConfiguration.class})
public class ParleyAutoConfiguration {

    /** The engine's limits from {@code parley.*}; unset ones keep the engine's defaults. */
    @Bean
    @ConditionalOnMissingBean
    public ChatConfig parleyChatConfig(ParleyProperties properties) {
        ChatConfig.Builder builder = ChatConfig.builder().admins(new TreeSet<>(properties.getAdmins()));
        if (properties.getMaxUploadSize() != null) {
            builder.maxUploadBytes(properties.getMaxUploadSize().toBytes());
        }
        if (properties.getMaxTextLength() != null) {
            builder.maxTextLength(properties.getMaxTextLength());
        }
        if (properties.getTokenTtl() != null) {
            builder.tokenTtl(properties.getTokenTtl());
        }
        if (properties.getRetention() != null) {
            builder.retention(properties.getRetention());
        }
        return builder.build();
    }

    /** The engine, closed when the application context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Chat parleyChat(ChatConfig config, UserStore users, RoomStore rooms, MessageStore messages, TokenStore tokens,
                           FileStore files, ObjectProvider<ClusterBus> bus, ObjectProvider<PresenceStore> presence) {
        Chat.Builder builder = Chat.builder().config(config).userStore(users).roomStore(rooms).messageStore(messages)
                .tokenStore(tokens).fileStore(files);
        bus.ifAvailable(builder::bus);
        presence.ifAvailable(builder::presenceStore);
        return builder.build();
    }
}
