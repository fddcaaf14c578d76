import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Loss;
import org.cifarsweep.model.Precision;
import org.cifarsweep.model.SoftmaxCrossEntropy;
import org.cifarsweep.train.TrainingData;

/**
 * Where the time of one Java trial goes: the same loop as org.cifarsweep.train.Trainer (data order, no shuffling),
 * with a clock around each phase. Run by bench/profile-java.sh (single-file source launch against the project's
 * jar); it uses the trainer's public model API (LinearModel, Loss, Evaluation), so it breaks if that API changes.
 *
 * Arguments: DATA_DIR [epochs=40] [batch=100] [eta=0.01] [lambda=0] [precision=float]
 */
public final class ProfileTrial {
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int nBatch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        double eta = args.length > 3 ? Double.parseDouble(args[3]) : 0.01;
        double lambda = args.length > 4 ? Double.parseDouble(args[4]) : 0.0;
        Precision precision = Precision.parse(args.length > 5 ? args[5] : "float");

        System.out.println("BLAS: " + BlasBackend.describe());
        Dataset dataset = CifarLoader.load(data, Split.parse("default"));
        TrainingData td = TrainingData.of(dataset, Preprocess.SCALE, precision);
        FeatureMatrix train = td.train();
        Loss loss = SoftmaxCrossEntropy.INSTANCE;
        int k = td.classes();
        int d = train.dim();
        int n = train.count();

        long start = System.nanoTime();
        LinearModel model = LinearModel.create(precision, k, d);
        model.initGaussian(new Random(new SplittableRandom(1).nextLong()), 0.01); // as Trainer, seed 1
        double[] scores = new double[k * nBatch];
        double[] evalBuffer = new double[Math.max(Evaluation.bufferSize(model, train),
                Evaluation.bufferSize(model, td.validation()))];
        long tScores = 0, tLoss = 0, tGrad = 0, tStep = 0, tEvalTrain = 0, tEvalVal = 0;
        Evaluation onTrain = null;
        Evaluation onVal = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int from = 0; from < n; from += nBatch) {
                int size = Math.min(nBatch, n - from);
                long t0 = System.nanoTime();
                model.scores(train, from, size, scores);
                long t1 = System.nanoTime();
                loss.evaluate(scores, train.labels(), from, size, k, scores);
                long t2 = System.nanoTime();
                model.gradient(train, from, size, scores, lambda);
                long t3 = System.nanoTime();
                model.step(eta);
                long t4 = System.nanoTime();
                tScores += t1 - t0;
                tLoss += t2 - t1;
                tGrad += t3 - t2;
                tStep += t4 - t3;
            }
            long t5 = System.nanoTime();
            onTrain = Evaluation.of(model, train, loss, lambda, evalBuffer);
            long t6 = System.nanoTime();
            onVal = Evaluation.of(model, td.validation(), loss, lambda, evalBuffer);
            long t7 = System.nanoTime();
            tEvalTrain += t6 - t5;
            tEvalVal += t7 - t6;
        }
        double testAcc = Evaluation.of(model, td.test(), loss, lambda, evalBuffer).accuracy();
        long end = System.nanoTime();

        double total = (end - start) / 1e9;
        double gemmFlops = 2.0 * k * d * n * epochs; // one K x d x n product over the training set, all epochs
        double valFlops = 2.0 * k * d * td.validation().count() * epochs;
        System.out.printf("epochs %d, batch %d, %s: train acc %.4f, val acc %.4f, test acc %.4f%n", epochs, nBatch,
                precision, onTrain.accuracy(), onVal.accuracy(), testAcc);
        System.out.printf("%-36s %8s %7s %9s%n", "phase", "seconds", "share", "GFLOP/s");
        row("scores (forward gemm + copies)", tScores, total, gemmFlops);
        row("loss + gradient of scores (softmax)", tLoss, total, 0);
        row("gradient (conversion + gemm + db)", tGrad, total, gemmFlops);
        row("step (axpy)", tStep, total, 0);
        row("evaluation, train set", tEvalTrain, total, gemmFlops);
        row("evaluation, validation set", tEvalVal, total, valFlops);
        row("test evaluation + init + rest", (end - start) - tScores - tLoss - tGrad - tStep - tEvalTrain - tEvalVal,
                total, 0);
        System.out.printf("%-36s %8.3f%n", "total", total);
        System.out.printf("seconds=%.4f test_acc=%.4f%n", total, testAcc);
    }

    private static void row(String name, long nanos, double total, double flops) {
        double s = nanos / 1e9;
        System.out.printf("%-36s %8.3f %6.1f%% %9s%n", name, s, 100 * s / total,
                flops > 0 ? String.format("%.1f", flops / s / 1e9) : "");
    }
}
