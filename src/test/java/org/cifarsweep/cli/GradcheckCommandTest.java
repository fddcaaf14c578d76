package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {

    @Test
    void printsTheMaximaAndFailsAboveTheThreshold() {
        // The sample's first 100 images are the real data_batch_1's, so this is the check on real images.
        Object[] pass = TrainCommandTest.run("gradcheck", "--data", RealData.sample().toString());
        String out = (String) pass[1];
        Matcher m = Pattern.compile("max relative error: W=(\\S+) b=(\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-6 && Double.parseDouble(m.group(2)) < 1e-6, out);
        assertEquals(0, pass[0]);

        // A threshold below what float64 gradients can reach must fail with a non-zero exit.
        Object[] fail = TrainCommandTest.run("gradcheck", "--data", RealData.sample().toString(), "--threshold", "1e-16");
        assertEquals(1, fail[0]);
        assertTrue(((String) fail[1]).contains("FAIL"));
    }

    /** Issue 12: --threshold -1 was accepted, and a check that cannot pass (or cannot fail) proves nothing. */
    @Test
    void aThresholdThatChecksNothingIsRefused() {
        for (String t : new String[] {"-1", "0", "NaN", "Infinity"}) {
            Cli.run("gradcheck", "--data", RealData.sample().toString(), "--threshold", t)
                    .refused(2, "--threshold " + Double.parseDouble(t) + ": must be a finite number > 0, the largest"
                            + " relative error accepted (e.g. 1e-6)");
        }
    }
}
