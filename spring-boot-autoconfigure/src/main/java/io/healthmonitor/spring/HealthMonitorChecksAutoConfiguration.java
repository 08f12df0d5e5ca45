package io.healthmonitor.spring;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.healthmonitor.redis.RedisHealthCheck;
import io.healthmonitor.tls.CertificateExpiryHealthCheck;
import io.healthmonitor.tls.CertificateSource;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The library's own checks of the clients the application has, each named like Actuator's
 * indicator of the same dependency and replacing it (the bean's alias is the name Actuator's
 * auto-configuration backs off for), so nothing is probed twice:
 * <ul>
 *   <li>{@code db}: {@link DataSourceHealthCheck} of the {@code DataSource} (HikariCP pool insight
 *       when it is Hikari), for a single {@code DataSource}; it masks the credentials of
 *       {@code spring.datasource.*} (and of a {@code JdbcConnectionDetails} bean) wherever the driver
 *       echoes them, also when the {@code DataSource} hides them from the check;</li>
 *   <li>{@code redis}: {@link RedisHealthCheck} of a Lettuce {@code StatefulRedisConnection} bean, else
 *       of Spring Data Redis's {@code LettuceConnectionFactory} (standalone Redis);</li>
 *   <li>{@code nats}: {@link NatsConnectionHealthCheck} of a jnats {@code Connection};</li>
 *   <li>{@code ssl}: {@link CertificateExpiryHealthCheck} of the SSL bundles' certificates and of
 *       {@code healthmonitor.tls.certificates}.</li>
 * </ul>
 * Each backs off for a bean of the same name, for {@code healthmonitor.checks.<name>.enabled=false}
 * and for Actuator's own switch ({@code management.health.<name>.enabled=false}); all back off, and
 * Actuator keeps its own indicators, when the application has a {@code HealthMonitor} of its own or
 * sets {@code healthmonitor.actuator.enabled=false}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"},
        beforeName = {"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
                "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration"},
        before = HealthMonitorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "healthmonitor.actuator.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(HealthMonitor.class)
@EnableConfigurationProperties(HealthMonitorProperties.class)
public final class HealthMonitorChecksAutoConfiguration {

    HealthMonitorChecksAutoConfiguration() {
    }

    /** {@code db}: the application's single {@code DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DataSourceHealthCheck.class, DataSource.class})
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnBooleanProperty(name = "healthmonitor.checks.db.enabled", matchIfMissing = true)
    @ConditionalOnBooleanProperty(name = "management.health.db.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(name = {"db", "dbHealthIndicator", "dbHealthContributor"})
    static class Jdbc {

        @Bean(name = {"db", "dbHealthContributor"})
        HealthCheck db(DataSource dataSource, ObjectProvider<HealthMetrics> metrics, ApplicationContext context) {
            // The check cannot read the credentials of a DataSource that hides them or of a wrapper; Boot knows them.
            DataSourceSecrets.Known known = DataSourceSecrets.of(context);
            DataSourceHealthCheck.Builder builder = DataSourceHealthCheck.builder(dataSource)
                    .secrets(known.passwords()).secretsIn(known.urls());
            metrics.ifAvailable(builder::metrics);
            return builder.build();
        }
    }

    /** {@code redis}: a Lettuce connection, else Spring Data Redis's Lettuce factory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisHealthCheck.class, StatefulRedisConnection.class})
    @ConditionalOnBooleanProperty(name = "healthmonitor.checks.redis.enabled", matchIfMissing = true)
    @ConditionalOnBooleanProperty(name = "management.health.redis.enabled", matchIfMissing = true)
    static class Redis {

        @Bean(name = {"redis", "redisHealthContributor"})
        @ConditionalOnSingleCandidate(StatefulRedisConnection.class)
        @ConditionalOnMissingBean(name = {"redis", "redisHealthIndicator", "redisHealthContributor"})
        RedisHealthCheck redis(StatefulRedisConnection<?, ?> connection, ObjectProvider<HealthMetrics> metrics) {
            RedisHealthCheck.Builder builder = RedisHealthCheck.builder(connection);
            metrics.ifAvailable(builder::metrics);
            return builder.build();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(LettuceConnectionFactory.class)
        @ConditionalOnSingleCandidate(LettuceConnectionFactory.class)
        @Conditional(Standalone.class)
        static class Factory {

            @Bean(name = {"redis", "redisHealthContributor"})
            @ConditionalOnMissingBean(name = {"redis", "redisHealthIndicator", "redisHealthContributor"})
            LettuceFactoryCheck redisFactory(LettuceConnectionFactory factory, ObjectProvider<HealthMetrics> metrics) {
                return new LettuceFactoryCheck(factory, metrics.getIfAvailable());
            }
        }

        /** Standalone Redis: neither a cluster nor a sentinel is configured. */
        static final class Standalone extends NoneNestedConditions {
            Standalone() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnProperty("spring.data.redis.cluster.nodes")
            static final class Cluster {
            }

            @ConditionalOnProperty("spring.data.redis.sentinel.master")
            static final class Sentinel {
            }
        }
    }

    /** {@code nats}: the application's jnats connection. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({NatsConnectionHealthCheck.class, Connection.class})
    @ConditionalOnSingleCandidate(Connection.class)
    @ConditionalOnBooleanProperty(name = "healthmonitor.checks.nats.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(name = {"nats", "natsHealthIndicator", "natsHealthContributor"})
    static class Nats {

        @Bean(name = {"nats", "natsHealthContributor"})
        HealthCheck nats(Connection connection) {
            return NatsConnectionHealthCheck.of(connection);
        }
    }

    /** {@code ssl}: the SSL bundles' certificates and configured certificate files. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({CertificateExpiryHealthCheck.class, SslBundles.class})
    @Conditional(CertificatesConfigured.class)
    @ConditionalOnBooleanProperty(name = "healthmonitor.checks.ssl.enabled", matchIfMissing = true)
    @ConditionalOnBooleanProperty(name = "management.health.ssl.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(name = {"ssl", "sslHealthIndicator", "sslHealthContributor"})
    static class Tls {

        @Bean(name = {"ssl", "sslHealthIndicator"})
        HealthCheck ssl(ObjectProvider<SslBundles> bundles, HealthMonitorProperties properties) {
            List<CertificateSource> sources = SslBundleCertificates.sources(bundles.getIfAvailable(),
                    properties.getTls().getCertificates());
            if (sources.isEmpty()) {
                return context -> HealthResult.healthy("no certificate configured");
            }
            CertificateExpiryHealthCheck.Builder builder = CertificateExpiryHealthCheck.builder(sources.get(0));
            sources.subList(1, sources.size()).forEach(builder::source);
            return builder.build();
        }
    }
}
