package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decisions.csv: written line by line, read back exactly, and a torn last line dropped by the repair. */
class DecisionsFileTest {
    @TempDir
    Path dir;

    private static final Decision START = new Decision(Decision.Event.START, "a_ep5", "a_ep40", 0, 0, null, Double.NaN,
            "no run can go on; trial 1 of 9");
    private static final Decision RESULT = new Decision(Decision.Event.RESULT, "a_ep5", "a_ep40", 0, 0,
            TrainingStatus.OK, 0.30109999999999998, "");
    private static final Decision PROMOTE = new Decision(Decision.Event.PROMOTE, "a_ep10", "a_ep40", 1, 2, null,
            Double.NaN, "a_ep5 was 1st of 3 result(s) at rung 0 (val_acc 0.3011), \"quoted\"; the top 1 go on");

    @Test
    void whatIsWrittenIsReadBackExactlyWithItsHeader() throws Exception {
        try (DecisionsFile log = new DecisionsFile(dir)) {
            log.record(START);
            log.record(RESULT);
            log.record(PROMOTE);
        }
        List<String> lines = Files.readAllLines(dir.resolve(DecisionsFile.FILE));
        assertEquals("event,run,trial,rung,bracket,status,val_acc,seen", lines.get(0));
        assertEquals("result,a_ep5,a_ep40,0,0,ok,0.3011,", lines.get(2));
        DecisionsFile.Recorded read = DecisionsFile.read(dir);
        assertEquals(List.of(START, RESULT, PROMOTE), read.decisions());
        assertEquals(-1, read.tornBytes());
        // Appending again goes on after the recorded lines.
        try (DecisionsFile log = new DecisionsFile(dir)) {
            log.record(RESULT);
        }
        assertEquals(4, DecisionsFile.read(dir).decisions().size());
    }

    @Test
    void aTornLastLineIsDroppedByTheRepairAndAppendingGoesOn() throws Exception {
        try (DecisionsFile log = new DecisionsFile(dir)) {
            log.record(START);
            log.record(RESULT);
        }
        Path file = dir.resolve(DecisionsFile.FILE);
        long whole = Files.size(file);
        Files.writeString(file, "promote,a_ep10,a_e", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        DecisionsFile.Recorded read = DecisionsFile.read(dir);
        assertEquals(List.of(START, RESULT), read.decisions());
        assertEquals(whole, read.tornBytes());
        DecisionsFile.repair(dir, read);
        assertEquals(whole, Files.size(file));
        try (DecisionsFile log = new DecisionsFile(dir)) {
            log.record(PROMOTE);
        }
        assertEquals(List.of(START, RESULT, PROMOTE), DecisionsFile.read(dir).decisions());
    }

    @Test
    void aMissingLogIsEmptyAndABadLineIsNamed() throws Exception {
        assertEquals(List.of(), DecisionsFile.read(dir).decisions());
        Files.writeString(dir.resolve(DecisionsFile.FILE), "event,run,trial,rung,bracket,status,val_acc,seen\n"
                + "start,a_ep5,a_ep40,0,0,,,x\nstart,b_ep5,b_ep40,zero,0,,,x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionsFile.read(dir));
        assertTrue(e.getMessage().contains("decisions.csv: line 3: "), e.getMessage());
        Files.writeString(dir.resolve(DecisionsFile.FILE), "event,run,trial,rung,bracket,status,val_acc,seen\n"
                + "begin,a_ep5,a_ep40,0,0,,,x\n");
        e = assertThrows(IllegalArgumentException.class, () -> DecisionsFile.read(dir));
        assertTrue(e.getMessage().contains("line 2: 'begin' is not one of start, promote, result"), e.getMessage());
    }
}
