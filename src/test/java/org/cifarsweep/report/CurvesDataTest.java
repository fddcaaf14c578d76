package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's curve block: what goes in comes out, within the stated precision, and long trials are thinned. */
class CurvesDataTest {
    @TempDir
    Path tmp;

    /** The block decoded as the page's script decodes it: row -> epoch -> {trainAcc, valAcc, trainCost, valCost}. */
    static Map<Integer, TreeMap<Integer, double[]>> decode(String base64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, TreeMap<Integer, double[]>> out = new TreeMap<>();
        while (b.remaining() >= 10) {
            int row = b.getInt();
            int first = b.getShort() & 0xFFFF;
            int step = b.getShort() & 0xFFFF;
            int count = b.getShort() & 0xFFFF;
            for (int k = 0; k < count; k++) {
                int trainAcc = b.getShort() & 0xFFFF;
                int valAcc = b.getShort() & 0xFFFF;
                double[] v = {trainAcc == CurvesData.NO_ACCURACY ? Double.NaN : trainAcc / 1e4,
                        valAcc == CurvesData.NO_ACCURACY ? Double.NaN : valAcc / 1e4,
                        CurvesData.fromHalf(b.getShort() & 0xFFFF), CurvesData.fromHalf(b.getShort() & 0xFFFF)};
                out.computeIfAbsent(row, r -> new TreeMap<>()).put(first + k * step, v);
            }
        }
        assertEquals(0, b.remaining(), "whole runs");
        return out;
    }

    @Test
    void theFixturesCurvesComeBackAsTheReportReadsThem() throws Exception {
        ReportFixture.write(tmp);
        List<String[]> trials = ReportFixture.TRIALS;
        Map<String, Integer> rows = new java.util.HashMap<>();
        int[] epochs = new int[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            rows.put(trials.get(i)[0], i);
            epochs[i] = 40;
        }
        rows.remove(trials.get(0)[0]);   // a trial of curves.csv that the page does not show
        StringBuilder text = new StringBuilder();
        CurvesData.Written written = CurvesData.write(tmp.resolve("curves.csv"), rows, epochs, text);
        assertEquals(ReportFixture.EPOCHS, written.unknown());
        Map<Integer, TreeMap<Integer, double[]>> decoded = decode(text.toString());
        CurvesTable curves = CurvesTable.read(tmp.resolve("curves.csv"), new ArrayList<>());
        for (int i = 1; i < trials.size(); i++) {
            List<CurvePoint> points = curves.of(trials.get(i)[0]);
            TreeMap<Integer, double[]> got = decoded.getOrDefault(i, new TreeMap<>());
            assertEquals(points.size(), got.size(), trials.get(i)[0]);
            for (CurvePoint p : points) {
                double[] v = got.get(p.epoch());
                assertEquals(p.trainAcc(), v[0], 0.5e-4);
                assertEquals(p.valAcc(), v[1], 0.5e-4);
                if (Double.isFinite(p.trainCost())) {
                    assertEquals(p.trainCost(), v[2], Math.abs(p.trainCost()) / 1024);
                } else {
                    assertEquals(p.trainCost(), v[2], "infinite stays infinite");
                }
            }
        }
        assertEquals(written.epochs(), decoded.values().stream().mapToInt(Map::size).sum());
    }

    @Test
    void aLongTrialIsThinnedToFortyPointsEndingAtItsLast() throws Exception {
        StringBuilder csv = new StringBuilder("trial,epoch,train_loss,train_cost,train_acc,val_loss,val_cost,val_acc,eta,rung\n");
        for (int e = 1; e <= 200; e++) csv.append("long,").append(e).append(",1,2,0.5,1,2,").append(e / 1000.0).append(",0.1,-1\n");
        for (int e = 1; e <= 40; e++) csv.append("short,").append(e).append(",1,2,0.5,1,2,0.3,0.1,-1\n");
        Files.writeString(tmp.resolve("curves.csv"), csv);
        StringBuilder text = new StringBuilder();
        CurvesData.write(tmp.resolve("curves.csv"), Map.of("long", 0, "short", 1), new int[] {200, 40}, text);
        Map<Integer, TreeMap<Integer, double[]>> decoded = decode(text.toString());
        TreeMap<Integer, double[]> thinned = decoded.get(0);
        assertTrue(thinned.size() <= CurvesData.MAX_POINTS, thinned.keySet().toString());
        assertEquals(1, thinned.firstKey());
        assertEquals(200, thinned.lastKey());
        assertEquals(0.2, thinned.get(200)[1], 1e-12);
        assertEquals(40, decoded.get(1).size(), "40 epochs are all kept");
    }

    @Test
    void halfPrecisionRoundsToNearestAndKeepsTheSpecialValues() {
        for (double v : new double[] {0, 1, -2.5, 1.9034, 65504, 1e-5, 6e-8, 3.14159}) {
            double back = CurvesData.fromHalf(CurvesData.half(v));
            assertTrue(Math.abs(back - v) <= Math.max(Math.abs(v) / 2048, 6e-8 / 2), v + " -> " + back);
        }
        assertEquals(Double.POSITIVE_INFINITY, CurvesData.fromHalf(CurvesData.half(1e6)));
        assertEquals(Double.NEGATIVE_INFINITY, CurvesData.fromHalf(CurvesData.half(Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(CurvesData.fromHalf(CurvesData.half(Double.NaN))));
        assertEquals(CurvesData.NO_ACCURACY, CurvesData.accuracy(Double.NaN));
        assertEquals(3561, CurvesData.accuracy(0.3561));
    }
}
