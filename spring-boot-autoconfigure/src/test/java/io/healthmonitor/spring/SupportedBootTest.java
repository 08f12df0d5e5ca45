package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

class SupportedBootTest {

    @Test
    void refusesSpringBoot3WithWhatToDoInstead() {
        // Found by a user test: on Boot 3.5.7 the starter served /health as healthy with no checks.
        assertThatThrownBy(() -> SupportedBoot.require("3.5.7"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs Spring Boot 4.0 or later")
                .hasMessageContaining("runs Spring Boot 3.5.7")
                .hasMessageContaining("healthmonitor.enabled=false");
        assertThatThrownBy(() -> SupportedBoot.require("2.7.18")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsSpringBoot4AndLaterAndAnUnknownVersion() {
        assertThatCode(() -> SupportedBoot.require("4.0.7")).doesNotThrowAnyException();
        assertThatCode(() -> SupportedBoot.require("4.1.0-SNAPSHOT")).doesNotThrowAnyException();
        assertThatCode(() -> SupportedBoot.require("10.0.0")).doesNotThrowAnyException();
        assertThatCode(() -> SupportedBoot.require(null)).doesNotThrowAnyException();
        assertThatCode(() -> SupportedBoot.require(SpringBootVersion.getVersion())).doesNotThrowAnyException();
    }
}
