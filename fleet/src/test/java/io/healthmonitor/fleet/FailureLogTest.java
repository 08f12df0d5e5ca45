package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class FailureLogTest {

    @Test
    void logsOncePerStateChangeNotPerAttempt() {
        List<String> lines = new ArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("warn") || method.getName().equals("info")) {
                        lines.add(method.getName());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        FailureLog log = new FailureLog(logger, "publishing");

        log.succeeded();
        for (int i = 0; i < 100; i++) {
            log.failed(new IOException("Timeout or no response waiting for NATS JetStream server"));
        }
        assertThat(log.failing()).isTrue();
        for (int i = 0; i < 100; i++) {
            log.succeeded();
        }
        log.failed(new IOException("again"));

        assertThat(lines).containsExactly("warn", "info", "warn");
    }
}
