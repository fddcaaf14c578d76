package org.cifarsweep.testutil;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * A softmax linear classifier s = W x + b trained by plain gradient descent, written in plain Java loops over
 * {@code double[]}, apart from the product code (no BLAS, no pixel kernel, no model, loss or trainer class): the
 * independent truth the training tests compare with. The cost is J = mean cross-entropy + λ‖W‖², so
 * dJ/dW = mean of (p − y) xᵀ + 2λW and dJ/db = mean of (p − y), with p = softmax(s) and y the one-hot label.
 *
 * <p>Images are rows {@code x[i]} of d features; W is K rows of d.
 */
public final class ReferenceSoftmax {
    public final double[][] w;
    public final double[] b;

    public ReferenceSoftmax(double[][] w, double[] b) {
        this.w = new double[w.length][];
        for (int k = 0; k < w.length; k++) this.w[k] = w[k].clone();
        this.b = b.clone();
    }

    /**
     * The trainer's documented start for {@code seed}: a {@link SplittableRandom} of the seed gives one long, which
     * seeds a {@link Random}; 0.01·N(0, 1) draws then fill W in column-major order (class index fastest), then b.
     * With {@code asFloat}, every value is rounded to float, as the float32 model stores it.
     */
    public static ReferenceSoftmax seededStart(long seed, int classes, int dim, boolean asFloat) {
        Random rng = new Random(new SplittableRandom(seed).nextLong());
        double[][] w = new double[classes][dim];
        double[] b = new double[classes];
        for (int j = 0; j < dim; j++) {
            for (int k = 0; k < classes; k++) w[k][j] = round(0.01 * rng.nextGaussian(), asFloat);
        }
        for (int k = 0; k < classes; k++) b[k] = round(0.01 * rng.nextGaussian(), asFloat);
        return new ReferenceSoftmax(w, b);
    }

    private static double round(double value, boolean asFloat) {
        return asFloat ? (float) value : value;
    }

    public ReferenceSoftmax copy() {
        return new ReferenceSoftmax(w, b);
    }

    public int classes() {
        return b.length;
    }

    /** s = W x + b for one image. */
    public double[] scores(double[] x) {
        double[] s = new double[b.length];
        for (int k = 0; k < b.length; k++) {
            double sum = b[k];
            for (int j = 0; j < x.length; j++) sum += w[k][j] * x[j];
            s[k] = sum;
        }
        return s;
    }

    /** softmax(s), with the largest score subtracted first. */
    public static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        double sum = 0;
        double[] p = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            p[k] = Math.exp(s[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < s.length; k++) p[k] /= sum;
        return p;
    }

    /** One gradient step on the images {@code batch}, the gradient averaged over the batch. */
    public void step(double[][] x, int[] y, int[] batch, double eta, double lambda) {
        step(x, y, batch, eta, lambda, batch.length);
    }

    /**
     * One gradient step on the images {@code batch}, the summed cross-entropy gradient divided by {@code divisor}
     * (the batch size for a correct step; other values model a trainer that averages wrongly).
     */
    public void step(double[][] x, int[] y, int[] batch, double eta, double lambda, double divisor) {
        int classes = b.length;
        int dim = w[0].length;
        double[][] gw = new double[classes][dim];
        double[] gb = new double[classes];
        for (int i : batch) {
            double[] g = softmax(scores(x[i]));
            g[y[i]] -= 1;
            for (int k = 0; k < classes; k++) {
                gb[k] += g[k];
                for (int j = 0; j < dim; j++) gw[k][j] += g[k] * x[i][j];
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) w[k][j] -= eta * (gw[k][j] / divisor + 2 * lambda * w[k][j]);
            b[k] -= eta * gb[k] / divisor;
        }
    }

    /** Mean cross-entropy, cost (that + λ‖W‖²) and accuracy on images x with labels y, in one pass. */
    public Metrics evaluate(double[][] x, int[] y, double lambda) {
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            double[] s = scores(x[i]);
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int k = 0; k < s.length; k++) {
                if (s[k] > max) {
                    max = s[k];
                    best = k;
                }
            }
            double sum = 0;
            for (double v : s) sum += Math.exp(v - max);
            lossSum += Math.log(sum) - (s[y[i]] - max);
            if (best == y[i]) correct++;
        }
        double norm = 0;
        for (double[] row : w) {
            for (double v : row) norm += v * v;
        }
        double loss = lossSum / x.length;
        return new Metrics(loss, loss + lambda * norm, (double) correct / x.length);
    }

    /**
     * The images whose two highest scores are closer than {@code margin}: only these can change their predicted
     * class when every score moves by less than margin / 2.
     */
    public int nearTies(double[][] x, double margin) {
        int count = 0;
        for (double[] image : x) {
            double[] s = scores(image);
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            if (first - second < margin) count++;
        }
        return count;
    }

    /** The largest |difference| between the entries of W and b of two models. */
    public double maxDifference(double[][] otherW, double[] otherB) {
        double max = 0;
        for (int k = 0; k < b.length; k++) {
            for (int j = 0; j < w[k].length; j++) max = Math.max(max, Math.abs(w[k][j] - otherW[k][j]));
            max = Math.max(max, Math.abs(b[k] - otherB[k]));
        }
        return max;
    }

    public double maxDifference(ReferenceSoftmax other) {
        return maxDifference(other.w, other.b);
    }

    /** The largest |entry| of W and b. */
    public double maxMagnitude() {
        double max = 0;
        for (int k = 0; k < b.length; k++) {
            for (double v : w[k]) max = Math.max(max, Math.abs(v));
            max = Math.max(max, Math.abs(b[k]));
        }
        return max;
    }

    /** Indices from, from + 1, ..., to − 1. */
    public static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) out[i] = from + i;
        return out;
    }

    /** Mean loss, cost and accuracy of a model on a set of images. */
    public record Metrics(double loss, double cost, double accuracy) { }
}
