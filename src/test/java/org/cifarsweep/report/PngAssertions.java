package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that bytes are a PNG that decodes to the expected size, as any viewer would read it. */
final class PngAssertions {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssertions() { }

    static BufferedImage assertPng(byte[] bytes, int width, int height, String what) throws IOException {
        assertArrayEquals(SIGNATURE, Arrays.copyOf(bytes, 8), what + ": PNG signature");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, what + ": ImageIO cannot decode it");
        assertEquals(width, image.getWidth(), what + ": width");
        assertEquals(height, image.getHeight(), what + ": height");
        return image;
    }

    static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        return assertPng(Files.readAllBytes(file), width, height, file.toString());
    }

    static BufferedImage assertPng(Png png) throws IOException {
        return assertPng(png.bytes(), png.width(), png.height(), png.name());
    }

    /** How many pixels have exactly this colour. */
    static int count(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) n++;
            }
        }
        return n;
    }
}
