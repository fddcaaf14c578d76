package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.train.TrainingData;
import org.junit.jupiter.api.Test;

/** The size of one decoded copy, as provenance.json records it per executor JVM. */
class DecodedDataCacheTest {

    @Test
    void theDecodedSizeCountsEachSplitsValuesInTheirRepresentation() throws IOException {
        Dataset dataset = CifarLoader.load(RealData.sample(), Split.parse("default"));
        long values = 2000L * 3072;   // the sample: 1,000 train + 500 validation + 500 test images
        // float64 holds the images' own bytes, 1 each, and normalises the columns it reads into a per-trial buffer.
        assertEquals(values,
                DecodedDataCache.bytes(TrainingData.of(dataset, Preprocess.STANDARDIZE, Precision.DOUBLE)));
        assertEquals(values, DecodedDataCache.bytes(TrainingData.of(dataset, Preprocess.SCALE, Precision.DOUBLE)));
        // float32 trains on the pixels, 1 byte each, with the normalisation folded into W and b (FeatureMatrix.of).
        assertEquals(values, DecodedDataCache.bytes(TrainingData.of(dataset, Preprocess.SCALE, Precision.FLOAT)));
        // Hand-made float64 values still count 8 bytes each.
        FeatureMatrix doubles = FeatureMatrix.ofDoubles(new double[6], new int[] {0, 1}, 3);
        assertEquals(3 * 8 * 6, DecodedDataCache.bytes(new TrainingData(doubles, doubles, doubles, 2)));
    }
}
