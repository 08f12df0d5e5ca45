package io.healthmonitor.http;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@link EndpointServlet} in an embedded Jetty 12 (ee10, Servlet 6.0). */
class JettyEndpointServletTest extends EndpointServletContract {

    private Server server;

    @Override
    int start(String contextPath, ServletContainerInitializer initializer) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.addServletContainerInitializer(initializer);
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    void stopContainer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
