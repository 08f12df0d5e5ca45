package io.healthmonitor.benchmarks.corim;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of strict CoRIM validation against the physical limit of this design: merely
 * tokenising the same bytes with Jackson's {@link CBORParser} (including the embedded CoMID).
 * Profiles/s is the ops/s score; MB/s = ops/s x {@code bytes} / 1e6 (the size is printed at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CorimBenchmark {

    /** Number of reference-value measurements in the generated CoMID. */
    @Param({"10", "1000"})
    public int measurements;

    private final CBORFactory factory = new CBORFactory();
    private CorimValidator validator;
    private byte[] corim;
    private byte[] comid;

    @Setup
    public void setUp() throws IOException {
        comid = comid(measurements);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = factory.createGenerator(out)) {
            g.writeTag(501);
            g.writeStartObject(2);
            g.writeFieldId(0);
            g.writeString("benchmark-corim");
            g.writeFieldId(1);
            g.writeStartArray(null, 1);
            g.writeTag(506);
            g.writeBinary(comid);
            g.writeEndArray();
            g.writeEndObject();
        }
        corim = out.toByteArray();
        validator = CorimValidator.builder().clock(InstantSource.fixed(Instant.parse("2025-01-01T00:00:00Z"))).build();
        CorimValidationResult r = validator.validate(corim);
        if (!r.valid()) {
            throw new IllegalStateException("benchmark input must be valid: " + r.problems());
        }
        System.out.println("\n[corim] input size = " + corim.length + " bytes, measurements = " + measurements);
    }

    private byte[] comid(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = factory.createGenerator(out)) {
            g.writeStartObject(2);
            g.writeFieldId(1);
            g.writeStartObject(1);
            g.writeFieldId(0);
            g.writeString("benchmark-tag");
            g.writeEndObject();
            g.writeFieldId(4);
            g.writeStartObject(1);
            g.writeFieldId(0);
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 2);
            g.writeStartObject(1);
            g.writeFieldId(0);
            g.writeStartObject(2);
            g.writeFieldId(1);
            g.writeString("ACME");
            g.writeFieldId(2);
            g.writeString("RoadRunner");
            g.writeEndObject();
            g.writeEndObject();
            g.writeStartArray(null, n);
            byte[] d256 = new byte[32];
            byte[] d384 = new byte[48];
            for (int i = 0; i < n; i++) {
                d256[0] = (byte) i;
                g.writeStartObject(2);
                g.writeFieldId(0);
                g.writeString("component-" + i);
                g.writeFieldId(1);
                g.writeStartObject(3);
                g.writeFieldId(0);
                g.writeStartObject(1);
                g.writeFieldId(0);
                g.writeString("1.2." + i);
                g.writeEndObject();
                g.writeFieldId(1);
                g.writeNumber(i);
                g.writeFieldId(2);
                g.writeStartArray(null, 2);
                g.writeStartArray(null, 2);
                g.writeNumber(1);
                g.writeBinary(d256);
                g.writeEndArray();
                g.writeStartArray(null, 2);
                g.writeNumber(7);
                g.writeBinary(d384);
                g.writeEndArray();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Strict validation of the whole CoRIM, returning the result. */
    @Benchmark
    public CorimValidationResult validate() {
        return validator.validate(corim);
    }

    /** The limit: tokenise the CoRIM and the embedded CoMID, reading every value, and nothing else. */
    @Benchmark
    public long tokenise() throws IOException {
        return tokens(corim) + tokens(comid);
    }

    private long tokens(byte[] data) throws IOException {
        long n = 0;
        try (CBORParser p = factory.createParser(data)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n++;
                if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
                    n += p.getBinaryValue().length;
                } else if (t == JsonToken.VALUE_STRING) {
                    n += p.getText().length();
                }
            }
        }
        return n;
    }
}
