package org.cifarsweep.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.TrainConfig;
import scala.reflect.ClassTag;

/**
 * Fault injection for a test, through a setting any user can give ({@code spark { "spark.serializer" = ... }}):
 * Java serialization, except that the trial named by {@code spark.cifarsweep.test.failTrial} arrives in its task
 * with {@code n_batch} 5000, so training it throws (the sample has 1,000 training images) inside the task, as a bug
 * or a resource error would. Nothing in the program under test knows about it.
 */
public final class FailingTrialSerializer extends Serializer implements Serializable {
    static final String TRIAL_KEY = "spark.cifarsweep.test.failTrial";
    static final int BAD_BATCH = 5000;
    private static final long serialVersionUID = 1L;

    private final String trial;

    public FailingTrialSerializer(SparkConf conf) {
        this.trial = conf.get(TRIAL_KEY, "");
    }

    @Override
    public SerializerInstance newInstance() {
        return new Instance(trial);
    }

    private static final class Instance extends SerializerInstance {
        private final String trial;

        Instance(String trial) {
            this.trial = trial;
        }

        @Override
        public <T> ByteBuffer serialize(T t, ClassTag<T> tag) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SerializationStream s = serializeStream(bytes);
            s.writeObject(t, tag);
            s.close();
            return ByteBuffer.wrap(bytes.toByteArray());
        }

        @Override
        public <T> T deserialize(ByteBuffer bytes, ClassTag<T> tag) {
            return deserialize(bytes, loader(), tag);
        }

        @Override
        public <T> T deserialize(ByteBuffer bytes, ClassLoader loader, ClassTag<T> tag) {
            byte[] array = new byte[bytes.remaining()];
            bytes.duplicate().get(array);
            DeserializationStream s = new In(new ByteArrayInputStream(array), loader, trial);
            T value = s.readObject(tag);
            s.close();
            return value;
        }

        @Override
        public SerializationStream serializeStream(OutputStream s) {
            return new Out(s);
        }

        @Override
        public DeserializationStream deserializeStream(InputStream s) {
            return new In(s, loader(), trial);
        }

        private static ClassLoader loader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : FailingTrialSerializer.class.getClassLoader();
        }
    }

    private static final class Out extends SerializationStream {
        private final ObjectOutputStream out;

        Out(OutputStream s) {
            try {
                out = new ObjectOutputStream(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> SerializationStream writeObject(T t, ClassTag<T> tag) {
            try {
                out.writeObject(t);
                out.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class In extends DeserializationStream {
        private final ObjectInputStream in;

        In(InputStream s, ClassLoader loader, String trial) {
            try {
                in = new ObjectInputStream(s) {
                    {
                        enableResolveObject(true);
                    }

                    @Override
                    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                        try {
                            return Class.forName(desc.getName(), false, loader);
                        } catch (ClassNotFoundException e) {
                            return super.resolveClass(desc);
                        }
                    }

                    @Override
                    protected Object resolveObject(Object obj) {
                        if (obj instanceof TrialSpec t && t.id().equals(trial)) {
                            TrainConfig c = t.config();
                            return new TrialSpec(t.id(), new TrainConfig(c.eta(), c.lambda(), BAD_BATCH, c.nEpochs(),
                                    c.seed(), c.shuffle(), c.precision()));
                        }
                        return obj;
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> T readObject(ClassTag<T> tag) {
            try {
                @SuppressWarnings("unchecked")
                T value = (T) in.readObject();
                return value;
            } catch (java.io.EOFException e) {
                throw new java.util.NoSuchElementException("end of stream");
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
