package dev.parley.standalone.internal.http;

import dev.parley.core.ChatMetrics;
import dev.parley.micrometer.ParleyMeters;
import dev.parley.protocol.ErrorCode;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The standalone server's metrics: a Prometheus registry with Parley's meters ({@link ParleyMeters},
 * fed by the engine), the JVM's (memory, GC, threads, class loading, CPU, uptime), the HTTP answers
 * counted by status class at the HTTP codec (so that what Grizzly refuses before Jersey counts too),
 * and the {@code GET /metrics} handler that writes them in Prometheus text format.
 *
 * <p>Lifecycle: made before the engine (which reports to {@link #chatMetrics()}), closed after the
 * HTTP servers. Thread-safe.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** The path the metrics are served at. */
    public static final String PATH = "/metrics";
    /** Prometheus's text exposition format, version 0.0.4: what every Prometheus scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ParleyMeters meters = ParleyMeters.on(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MetricsEndpoint() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** What the engine reports to. */
    public ChatMetrics chatMetrics() {
        return meters;
    }

    /** Counts every HTTP answer the codec writes, by status class; for the listener's HTTP monitoring config. */
    public HttpProbe statusProbe() {
        return new HttpProbe.Adapter() {
            @Override
            public void onHeaderSerializeEvent(Connection connection, HttpHeader header, Buffer buffer) {
                if (header instanceof HttpResponsePacket response && response.getStatus() != 101) {
                    meters.httpResponse(response.getStatus());
                }
            }
        };
    }

    /** {@code GET /metrics}: the registry in Prometheus text format. */
    public HttpHandler handler() {
        return new HttpHandler("metrics") {
            @Override
            public void service(Request request, Response response) throws IOException {
                if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
                    byte[] body = JsonErrors.body(ErrorCode.BAD_REQUEST, "method not allowed on this endpoint");
                    response.setStatus(405);
                    response.setHeader("Allow", "GET, HEAD");
                    response.setContentType("application/json");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                    return;
                }
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.setContentType(CONTENT_TYPE);
                response.setHeader("Cache-Control", "no-store");
                response.setContentLength(body.length);
                if (request.getMethod() == Method.GET) {
                    response.getOutputStream().write(body);
                }
            }
        };
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
