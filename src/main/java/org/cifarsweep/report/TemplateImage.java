package org.cifarsweep.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * W drawn as class templates, as in the assignment's Figures 3–6: row k of W (R plane, then G, then B, each 32×32
 * row-major) becomes a 32×32 colour image, min–max scaled over its own 3,072 values, enlarged without smoothing so
 * single weights stay visible, and tiled five to a row with the class name underneath.
 */
public final class TemplateImage {
    public static final int SIDE = 32;
    public static final int SCALE = 4;
    public static final int TILE = SIDE * SCALE;
    public static final int COLUMNS = 5;
    static final int GAP = 14;
    static final int LABEL = 22;
    static final int TITLE = 30;
    private static final int PLANE = SIDE * SIDE;
    private static final Color BACKGROUND = Color.WHITE;
    /** A class whose weights are all NaN or infinite (a diverged trial) shows as this flat grey. */
    static final Color NOT_FINITE = new Color(0x9e9e9e);

    private TemplateImage() { }

    /**
     * The tiled templates of {@code w} (K×3072), with {@code title} above them when it is not null; class k is labelled
     * {@code classNames.get(k)}, or "class k" for a W with more rows than names.
     */
    public static BufferedImage render(double[][] w, List<String> classNames, String title) {
        int classes = w.length;
        if (classes == 0) throw new IllegalArgumentException("W has no rows");
        for (double[] row : w) {
            if (row.length != 3 * PLANE) {
                throw new IllegalArgumentException("W has " + row.length + " columns; templates need 3072 (3×32×32)");
            }
        }
        int top = title == null ? 0 : TITLE;
        Rectangle last = tile(classes - 1, classes, top);
        int columns = Math.min(COLUMNS, classes);
        int width = GAP + columns * (TILE + GAP);
        int height = last.y + TILE + LABEL + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            // Nearest neighbour: each weight is a visible 4×4 block, as imshow shows it, not a blur.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            if (title != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                centred(g, title, width / 2, 20);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int k = 0; k < classes; k++) {
                Rectangle r = tile(k, classes, top);
                BufferedImage small = template(w[k]);
                if (small == null) {
                    g.setColor(NOT_FINITE);
                    g.fillRect(r.x, r.y, r.width, r.height);
                } else {
                    g.drawImage(small, r.x, r.y, r.width, r.height, null);
                }
                g.setColor(Color.DARK_GRAY);
                String label = (k < classNames.size() ? classNames.get(k) : "class " + k)
                        + (small == null ? " (not finite)" : "");
                centred(g, label, r.x + r.width / 2, r.y + r.height + LABEL - 6);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Where class k's template is drawn in an image of {@code classes} tiles with a title: row-major, 5 a row. */
    public static Rectangle tile(int k, int classes, boolean titled) {
        return tile(k, classes, titled ? TITLE : 0);
    }

    private static Rectangle tile(int k, int classes, int top) {
        if (k < 0 || k >= classes) throw new IndexOutOfBoundsException("class " + k + " of " + classes);
        int column = k % COLUMNS;
        int row = k / COLUMNS;
        return new Rectangle(GAP + column * (TILE + GAP), top + GAP + row * (TILE + LABEL + GAP), TILE, TILE);
    }

    /**
     * One class's 32×32 picture: each value scaled by the min and max of the class's finite values (a constant row
     * is mid-grey), non-finite values black. Null when the row has no finite value at all.
     */
    static BufferedImage template(double[] row) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) return null;
        double range = max - min;
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int i = y * SIDE + x;
                int r = level(row[i], min, range);
                int g = level(row[PLANE + i], min, range);
                int b = level(row[2 * PLANE + i], min, range);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int level(double v, double min, double range) {
        if (!Double.isFinite(v)) return 0;
        double s = range > 0 ? (v - min) / range : 0.5;
        return (int) Math.round(255 * Math.max(0, Math.min(1, s)));
    }

    private static void centred(Graphics2D g, String text, int centreX, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, centreX - m.stringWidth(text) / 2, baseline);
    }
}
