package io.healthmonitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsCarryTheLibrarysClassLoaderNotTheOneOfTheThreadThatMadeThem() throws Exception {
        // A web application's or a devtools restart's loader, current on the thread that first needs a worker.
        try (URLClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            AtomicReference<Thread> made = new AtomicReference<>();
            Thread requestThread = new Thread(() -> made.set(DaemonThreads.factory("test-").newThread(() -> { })));
            requestThread.setContextClassLoader(application);
            requestThread.start();
            requestThread.join();

            assertThat(made.get().getContextClassLoader()).isSameAs(DaemonThreads.class.getClassLoader());
            assertThat(made.get().isDaemon()).isTrue();
        }
    }
}
