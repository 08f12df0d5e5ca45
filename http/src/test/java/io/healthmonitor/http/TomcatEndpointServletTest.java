package io.healthmonitor.http;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Path;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.io.TempDir;

/** {@link EndpointServlet} in an embedded Tomcat 11 (Servlet 6.1). */
class TomcatEndpointServletTest extends EndpointServletContract {

    @TempDir
    Path baseDir;
    private Tomcat tomcat;

    @Override
    int start(String contextPath, ServletContainerInitializer initializer) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // As docs/http.md says: the default error report shows stack traces and Tomcat's version.
        ErrorReportValve errorReport = new ErrorReportValve();
        errorReport.setShowReport(false);
        errorReport.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(errorReport);
        StandardContext context = (StandardContext) tomcat.addContext(contextPath, null);
        // Leak detection needs --add-opens and only matters for redeployed web applications.
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        context.addServletContainerInitializer(initializer, null);
        tomcat.start();
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    void stopContainer() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
