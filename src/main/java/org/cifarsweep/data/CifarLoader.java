package org.cifarsweep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the train / validation / test sets of a {@link Split} from a CIFAR-10 folder (binary or MAT format). */
public final class CifarLoader {
    private CifarLoader() {
    }

    /**
     * Reads exactly the files {@code split} needs.
     *
     * @throws DataFormatException for any missing or malformed file
     */
    public static Dataset load(Path dir, Split split) {
        DataFormat format = DataFormat.detect(dir);
        List<Path> files = filesFor(dir, format, split);
        for (Path file : files) { // fail before reading hundreds of MB if a later file is missing
            if (!Files.exists(file)) {
                throw DataFormatException.of(file, "file not found (needed by split '" + split + "')");
            }
        }
        List<String> names = ClassNames.read(dir);
        int nTrain = split.trainingBatches().size();
        List<Images> training = new ArrayList<>();
        for (Path file : files.subList(0, nTrain)) {
            training.add(format.read(file));
        }
        Images test = format.read(files.get(files.size() - 1));
        if (split.kind() == Split.Kind.DEFAULT) {
            return new Dataset(training.get(0), format.read(files.get(1)), test, names);
        }
        Images all = Images.concat(training);
        training.clear(); // let the per-batch copies go before slicing
        int cut = all.count() - split.holdout();
        if (cut < 1) {
            throw DataFormatException.of(dir, "split '" + split + "' holds out " + split.holdout()
                    + " images but data_batch_1..5 have only " + all.count());
        }
        return new Dataset(all.slice(0, cut), all.slice(cut, all.count()), test, names);
    }

    /** The data files {@code split} reads from {@code dir} (training, validation, test), e.g. for checksums. */
    public static List<Path> filesFor(Path dir, Split split) {
        return filesFor(dir, DataFormat.detect(dir), split);
    }

    private static List<Path> filesFor(Path dir, DataFormat format, Split split) {
        List<Path> files = new ArrayList<>();
        for (String batch : split.batches()) {
            files.add(dir.resolve(format.fileName(batch)));
        }
        return List.copyOf(files);
    }
}
