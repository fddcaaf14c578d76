package org.cifarsweep.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;

/**
 * What the driver broadcasts: the images as raw bytes (1 byte per pixel) and the normalisation statistics of the
 * training split, not a matrix of doubles, which would be 8× larger. Executors decode it once per JVM.
 */
public record SharedData(Dataset dataset, Normalization normalization) implements Serializable {

    public long pixels() {
        return (long) (dataset.train().count() + dataset.validation().count() + dataset.test().count()) * Images.PIXELS;
    }

    /** The size of this value in Java serialization, Spark's default serializer for broadcasts. */
    public long serializedBytes() {
        return serializedBytes(s -> s);
    }

    /** The size after {@code compression}, e.g. Spark's broadcast codec: what actually crosses the network. */
    public long serializedBytes(java.util.function.UnaryOperator<java.io.OutputStream> compression) {
        CountingStream counter = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(compression.apply(counter))) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static final class CountingStream extends ByteArrayOutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
