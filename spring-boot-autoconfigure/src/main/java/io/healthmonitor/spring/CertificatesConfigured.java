package io.healthmonitor.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when an SSL bundle ({@code spring.ssl.bundle.*}) or a certificate file ({@code healthmonitor.tls.certificates}) is configured. */
final class CertificatesConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
            if (source instanceof IterableConfigurationPropertySource iterable && iterable.stream().anyMatch(name -> {
                String text = name.toString();
                return text.startsWith("spring.ssl.bundle.") || text.startsWith("healthmonitor.tls.certificates");
            })) {
                return ConditionOutcome.match("certificates are configured");
            }
        }
        return ConditionOutcome.noMatch("no SSL bundle and no healthmonitor.tls.certificates");
    }
}
