package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.cifarsweep.data.ClassNames;
import org.junit.jupiter.api.Test;

/** The W templates against pictures whose every pixel is known: one colour per class, single bright weights. */
class TemplateImageTest {
    private static final int PLANE = 1024;

    /** Ten colours with components 0, ½ and 1, each with a 0 and a 1, so min–max scaling leaves them as they are. */
    private static final double[][] COLOURS = {
            {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1},
            {1, 0, 1}, {1, 0.5, 0}, {0.5, 0, 1}, {0, 0.5, 1}, {0.5, 1, 0}};

    /** Decodes the PNG the report would write, so the test reads what a viewer reads. */
    private static BufferedImage throughPng(BufferedImage image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Png.of("t.png", image).bytes()));
        assertEquals(image.getWidth(), decoded.getWidth());
        assertEquals(image.getHeight(), decoded.getHeight());
        return decoded;
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    private static void assertColour(int[] expected, int[] actual, String where) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= 1,
                    where + ": expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual));
        }
    }

    @Test
    void eachClassShowsItsColourInItsOwnTile() throws IOException {
        double[][] w = new double[10][3 * PLANE];
        for (int k = 0; k < 10; k++) {
            // Any offset and positive scale per class: the min–max scaling must undo them.
            double offset = -0.3 + 0.07 * k;
            double scale = 0.002 * (k + 1);
            for (int c = 0; c < 3; c++) Arrays.fill(w[k], c * PLANE, (c + 1) * PLANE, offset + scale * COLOURS[k][c]);
        }
        BufferedImage image = throughPng(TemplateImage.render(w, ClassNames.STANDARD, "known colours"));
        for (int k = 0; k < 10; k++) {
            Rectangle tile = TemplateImage.tile(k, 10, true);
            int[] expected = {(int) Math.round(255 * COLOURS[k][0]), (int) Math.round(255 * COLOURS[k][1]),
                    (int) Math.round(255 * COLOURS[k][2])};
            for (double fx : new double[] {0.5, 0.1, 0.9}) {
                for (double fy : new double[] {0.5, 0.1, 0.9}) {
                    int x = tile.x + (int) (fx * tile.width);
                    int y = tile.y + (int) (fy * tile.height);
                    assertColour(expected, rgb(image, x, y), "class " + k + " at (" + x + "," + y + ")");
                }
            }
            // Outside the tile, just left of it, is the white background: tiles do not bleed into each other.
            assertColour(new int[] {255, 255, 255}, rgb(image, tile.x - 3, tile.y + tile.height / 2), "gap left of class " + k);
        }
    }

    @Test
    void tilesAreEnlargedThirtyTwoPixelImagesFiveToARowInClassOrder() {
        assertEquals(128, TemplateImage.TILE);
        Rectangle previous = null;
        for (int k = 0; k < 10; k++) {
            Rectangle tile = TemplateImage.tile(k, 10, false);
            assertEquals(32 * TemplateImage.SCALE, tile.width);
            assertEquals(32 * TemplateImage.SCALE, tile.height);
            if (k % 5 != 0) {
                assertEquals(previous.y, tile.y, "class " + k + " is on the row of class " + (k - 1));
                assertTrue(tile.x >= previous.x + previous.width, "class " + k + " right of class " + (k - 1));
            } else if (previous != null) {
                assertTrue(tile.y >= previous.y + previous.height, "class " + k + " starts a new row");
            }
            previous = tile;
        }
        BufferedImage image = TemplateImage.render(new double[10][3 * PLANE], ClassNames.STANDARD, null);
        Rectangle last = TemplateImage.tile(9, 10, false);
        assertTrue(image.getWidth() >= last.x + last.width && image.getHeight() >= last.y + last.height);
    }

    @Test
    void weightsAreLaidOutAsCifarPlanesRowMajor() throws IOException {
        double[][] w = new double[10][3 * PLANE];
        // Class 2: one green weight at image row 3, column 29. Class 7: one red weight at row 0, column 0, and
        // one blue weight at row 31, column 31.
        w[2][PLANE + 3 * 32 + 29] = 1;
        w[7][0] = 1;
        w[7][2 * PLANE + 31 * 32 + 31] = 1;
        BufferedImage image = throughPng(TemplateImage.render(w, ClassNames.STANDARD, null));
        int s = TemplateImage.SCALE;
        Rectangle t2 = TemplateImage.tile(2, 10, false);
        assertColour(new int[] {0, 255, 0}, rgb(image, t2.x + 29 * s + s / 2, t2.y + 3 * s + s / 2), "class 2, row 3, col 29");
        assertColour(new int[] {0, 0, 0}, rgb(image, t2.x + 3 * s + s / 2, t2.y + 29 * s + s / 2), "class 2, row 29, col 3 (transposed)");
        assertColour(new int[] {0, 0, 0}, rgb(image, t2.x + 28 * s + s / 2, t2.y + 3 * s + s / 2), "class 2, next pixel");
        Rectangle t7 = TemplateImage.tile(7, 10, false);
        assertColour(new int[] {255, 0, 0}, rgb(image, t7.x + s / 2, t7.y + s / 2), "class 7, top left");
        assertColour(new int[] {0, 0, 255}, rgb(image, t7.x + 31 * s + s / 2, t7.y + 31 * s + s / 2), "class 7, bottom right");
        assertColour(new int[] {0, 0, 0}, rgb(image, t7.x + 16 * s, t7.y + 16 * s), "class 7, centre");
        // Every pixel of the enlarged block is the weight's colour (no smoothing).
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                assertColour(new int[] {0, 255, 0}, rgb(image, t2.x + 29 * s + dx, t2.y + 3 * s + dy), "block pixel " + dx + "," + dy);
            }
        }
    }

    @Test
    void constantAndNonFiniteClassesStillDraw() throws IOException {
        double[][] w = new double[10][3 * PLANE];
        Arrays.fill(w[0], 0.25);                 // constant: no range to scale, shown mid-grey
        Arrays.fill(w[1], Double.NaN);           // a diverged trial's class: flat grey tile
        w[2][0] = Double.POSITIVE_INFINITY;      // one bad weight: black, the rest scaled as usual
        w[2][1] = 1;
        BufferedImage image = throughPng(TemplateImage.render(w, List.of("a", "b", "c"), "edge cases"));
        Rectangle t0 = TemplateImage.tile(0, 10, true);
        assertColour(new int[] {128, 128, 128}, rgb(image, t0.x + 64, t0.y + 64), "constant class");
        Rectangle t1 = TemplateImage.tile(1, 10, true);
        int grey = TemplateImage.NOT_FINITE.getRed();
        assertColour(new int[] {grey, grey, grey}, rgb(image, t1.x + 64, t1.y + 64), "all-NaN class");
        Rectangle t2 = TemplateImage.tile(2, 10, true);
        int s = TemplateImage.SCALE;
        assertColour(new int[] {0, 0, 0}, rgb(image, t2.x + s / 2, t2.y + s / 2), "infinite weight");
        assertColour(new int[] {255, 0, 0}, rgb(image, t2.x + s + s / 2, t2.y + s / 2), "largest finite weight");
    }

    @Test
    void aWrongShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemplateImage.render(new double[10][100], ClassNames.STANDARD, null));
        assertTrue(e.getMessage().contains("3072"), e.getMessage());
    }
}
